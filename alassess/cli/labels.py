"""``alassess labels``: dross hazardous-waste labels and signs as true-size PDF sheets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alassess.cli._words import say
from alassess.cli.core import db_path as default_db
from alassess.domain.errors import AlAssessError, InputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "labels", help="print dross labels and signs at true size / 打印铝灰危险废物标签和标志",
        description="Write hazardous-waste labels (a numbered batch) or a sign for a dross-producing plant as a PDF "
                    "to print at 100 % (actual size). The plant comes from an assessment file, or from the database "
                    "(--db DB --plant ID). Label serials are recorded in the database (the given --db, else the "
                    "default database) so an identification code is never issued twice; --no-persist records "
                    "nothing.")
    p.add_argument("file", type=Path, nargs="?", help="assessment file (JSON)")
    p.add_argument("--out", type=Path, required=True, help="PDF to write")
    p.add_argument("--db", type=Path, help="database: the plant (with --plant) and the serial numbers")
    p.add_argument("--plant", help="plant id in the database (with --db, instead of a file)")
    p.add_argument("--kind", default="label", help="label (default) | warning | zone | facility")
    p.add_argument("--count", default="1", help="labels to print: containers, consecutive serials (1–999)")
    p.add_argument("--paper", default="A4", help="A4 (default) | A3 | A2 | WxHmm, e.g. 600x900mm")
    p.add_argument("--container-volume-l", dest="volume", help="container volume in litres: two labels per container "
                                                                "above 450 L; with --label-size hj1276, the HJ 1276 size")
    p.add_argument("--label-size", help="dross (default: ≥200×200 mm, 6 mm text, 004 附录A A.3) | hj1276 "
                                        "(by container volume) | WxHmm")
    p.add_argument("--weight-t", dest="weight", help="weight of waste per container in tonnes (blank line if omitted)")
    p.add_argument("--date", help="date of generation YYYY-MM-DD (default: today); part of the identification code")
    p.add_argument("--dross", default="primary", help="primary (一次铝灰, default) | secondary (二次铝灰)")
    p.add_argument("--name", help="waste name (default: e.g. 一次铝灰（电解铝灰）)")
    p.add_argument("--main-components", help="main components (default from 004: 氧化铝、金属铝、氮化铝等)")
    p.add_argument("--harmful-components", help="harmful components (default: 氮化铝、重金属)")
    p.add_argument("--precautions", help="precautions (default from 004 for the plant's dross class)")
    p.add_argument("--remarks", help="remarks (blank line if omitted)")
    p.add_argument("--facility", default="storage", help="facility sign: storage | utilisation | disposal")
    p.add_argument("--layout", default="horizontal", help="facility sign: horizontal | vertical")
    p.add_argument("--facility-code", help="facility sign: 设施编码 (blank line if omitted)")
    p.add_argument("--zones", help="zone sign: primary,secondary (default: both, or primary only when the plant "
                                   "does not recover metal in-plant)")
    p.add_argument("--no-persist", action="store_true", help="do not record serials (they may repeat later)")
    p.add_argument("--first-serial", help="with --no-persist: the first serial (default 1)")
    p.set_defaults(func=cmd_labels)


def _mm(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def cmd_labels(args: argparse.Namespace) -> int:
    # deferred: start-up time: a command loads only the services it runs (see alassess.cli)
    from alassess.domain.numbers import parse_number
    from alassess.services import labels as svc

    if args.file is None:
        if args.db is None or args.plant is None:
            raise InputError("labels_source_required", None)
        pid = parse_number(args.plant, "--plant")
        if pid is None or pid != pid.to_integral_value() or pid < 1:
            raise InputError("expected_number", "--plant", value=args.plant)
        src = svc.plant_from_db(args.db, int(pid))
    else:
        if args.plant is not None:
            raise InputError("labels_source_required", "--plant")
        src = svc.plant_from_file(args.file)
    if args.first_serial is not None and not args.no_persist:
        raise InputError("labels_first_serial_needs_no_persist", "--first-serial")
    is_label = args.kind.strip().lower() == "label"  # only a label batch has serials to record
    db_path = None
    if not args.no_persist and is_label:
        db_path = default_db(args)
        if args.db is None:
            # the implicit default database: when it cannot be used (read-only home, broken file),
            # print anyway, without recording, and say so; an explicit --db must work

            try:
                svc.open_database(db_path).conn.close()
            except AlAssessError as exc:
                reason = exc.message(args.lang)
                sys.stderr.write(say("cli.labels.default_db_unusable", args.lang, reason=reason) + "\n")
                db_path = None
    overrides = {k: getattr(args, k) for k in ("name", "main_components", "harmful_components", "precautions",
                                               "remarks")}
    opts = svc.LabelOptions(kind=args.kind, count=args.count, paper=args.paper, container_volume_l=args.volume,
                            label_size=args.label_size, weight_t=args.weight, date=args.date, dross_kind=args.dross,
                            facility=args.facility, layout=args.layout, facility_code=args.facility_code,
                            zones=tuple(z for z in (args.zones or "").replace("，", ",").split(",") if z.strip()) or None,
                            overrides=overrides, first_serial=args.first_serial or 1)
    res = svc.issue(args.out, src, opts, db_path=db_path)
    lang = args.lang
    layout = (say("cli.labels.per_sheet", lang, n=res.per_sheet) if res.per_sheet else
              say("cli.labels.tiled", lang, n=res.tiles_per_item))
    orient = say(f"cli.labels.orientation.{res.orientation}", lang)
    size = f"{_mm(res.width_mm)}×{_mm(res.height_mm)}"
    if res.kind == "label":
        rng = f"{res.serials[0]:03d}–{res.serials[-1]:03d}"
        faces = say("cli.labels.faces", lang, n=res.faces) if res.faces > 1 else ""
        print(say("cli.labels.written_labels", lang, path=res.path, count=len(res.serials), range=rng, faces=faces,
                  paper=res.paper, orient=orient, layout=layout, pages=res.pages))
        print(say("cli.labels.size", lang, size=size, basis=res.size_basis,
                  grown=say("cli.labels.grown", lang) if res.grown else "", text_mm=f"{res.text_mm:g}",
                  code=res.id_codes[0]) + (f" … {res.id_codes[-1]}" if len(res.id_codes) > 1 else ""))
        if args.no_persist:
            sys.stderr.write(say("cli.labels.not_recorded", lang) + "\n")
    else:
        print(say("cli.labels.written_signs", lang, path=res.path, size=size, paper=res.paper, orient=orient,
                  layout=layout, pages=res.pages))
    print(say("cli.labels.print_actual_size", lang))
    return 0
