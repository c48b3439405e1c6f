"""The one place tests build items the seed lacks (factory-boy and
wagtail-factories): synthetic cases, award editions and staff accounts. A test that needs
more data of a kind adds a factory here instead of a builder of its own."""

import factory
import wagtail_factories
from django.conf import settings
from django.contrib.auth.models import Group

from awards.models import Award, AwardResult
from cases.models import CaseIndexPage, CaseMunicipality, CaseStudyPage
from taxonomy.models import Field, Municipality

PASSWORD = "correct-horse-battery"


class CaseFactory(wagtail_factories.PageFactory):
    """A synthetic case under the seeded case index, published (or, with
    publish=False, saved as an unpublished draft) like an editor's.

    ``fields`` and ``municipalities`` are lists; the ``placed`` trait gives
    it a 分野 and a body from the seed so that it shows in the facets."""

    class Meta:
        model = CaseStudyPage

    class Params:
        placed = factory.Trait(
            fields=factory.LazyFunction(lambda: [Field.objects.get(slug="health")]),
            municipalities=factory.LazyFunction(
                lambda: [Municipality.objects.select_related("prefecture").order_by("pk").first()]
            ),
        )

    parent = factory.LazyFunction(CaseIndexPage.objects.get)
    title = factory.Sequence(lambda n: f"テスト用の合成事例{n}")
    slug = factory.Sequence(lambda n: f"synthetic-case-{n}")
    summary = "テスト用に合成した事例です。"
    fields = ()
    municipalities = ()
    publish = True

    @classmethod
    def _create(cls, model_class, *args, fields=(), municipalities=(), publish=True, **kwargs):
        case = super()._create(model_class, *args, **kwargs)
        case.fields.set(fields)
        case.municipality_links = [CaseMunicipality(municipality=m) for m in municipalities]
        revision = case.save_revision()
        if publish:
            revision.publish()
        else:
            case.unpublish()
        return model_class.objects.get(pk=case.pk)


class UserFactory(factory.django.DjangoModelFactory):
    """A staff account signing in with PASSWORD; ``group`` names its
    editorial group (editorial.groups), ``is_superuser`` makes an admin."""

    class Meta:
        model = settings.AUTH_USER_MODEL
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    password = factory.django.Password(PASSWORD)
    email = ""
    is_superuser = False
    is_staff = factory.SelfAttribute("is_superuser")

    @factory.post_generation
    def group(user, create, name, **kwargs):
        if create and name:
            user.groups.add(Group.objects.get(name=name))


class AwardFactory(factory.django.DjangoModelFactory):
    """A synthetic award edition with inline ``results`` (dicts of
    AwardResult fields, see result_rows), published unless publish=False."""

    class Meta:
        model = Award

    name = factory.Sequence(lambda n: f"テスト用の合成表彰{n}")
    slug = factory.Sequence(lambda n: f"synthetic-award-{n}")
    # Years before the first real edition (2014), so a synthetic edition is
    # never taken for the newest unless a test says so.
    fiscal_year = factory.Sequence(lambda n: 1990 + n)
    results = ()
    publish = True

    @classmethod
    def _create(cls, model_class, *args, results=(), publish=True, **kwargs):
        award = model_class(live=publish, **kwargs)
        award.results = [AwardResult(sort_order=i, **row) for i, row in enumerate(results)]
        award.save()
        revision = award.save_revision()
        if publish:
            revision.publish()
        return model_class.objects.get(pk=award.pk)


def result_rows(n, case=None, tier="encouragement"):
    """n synthetic award results, for AwardFactory(results=…)."""
    return [{"tier": tier, "case_title": f"合成事例名{i}", "winners": f"合成団体{i}", "case": case} for i in range(n)]
