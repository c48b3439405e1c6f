from .models import MunicipalityKind


def municipality_choices(municipalities):
    """Grouped <select> choices per 都道府県 for already loaded municipalities
    (with prefecture): within a prefecture the prefecture itself comes first,
    then its bodies."""
    groups = {}
    # get_kind_display() rebuilds its lookup on every call: too slow for every body.
    kinds = dict(MunicipalityKind.choices)
    for m in sorted(municipalities, key=lambda m: (m.prefecture.code, m.kind != "prefecture")):
        groups.setdefault(m.prefecture.name, []).append((str(m.pk), f"{m.name}（{kinds[m.kind]}）"))
    return list(groups.items())
