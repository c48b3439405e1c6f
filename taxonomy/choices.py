def municipality_choices(municipalities):
    """Grouped <select> choices per 都道府県 for already loaded municipalities
    (with prefecture): within a prefecture the prefecture itself comes first,
    then its bodies."""
    groups = {}
    for m in sorted(municipalities, key=lambda m: (m.prefecture.code, m.kind != "prefecture")):
        groups.setdefault(m.prefecture.name, []).append((str(m.pk), f"{m.name}（{m.get_kind_display()}）"))
    return list(groups.items())
