"""The demo database: one plant per sector, three periods each, a dross ledger.

The values are realistic (within the industry survey ranges of 001 表2/表3) but invented; the
plants and credit codes are fictitious (the check characters are valid).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from alassess.domain.assessment import Assessment, Assessor, Plant
from alassess.domain.credit_code import complete
from alassess.domain.fields import get as field
from alassess.store import repo
from alassess.store.db import default_path, open_db

PERIODS = ("2023", "2024", "2025")
ALL_REQS = ["req_legal_compliance", "req_metrology_system", "req_emissions_compliant",
            "req_cleaner_production_audit", "req_env_management_system", "req_complete_chain"]

PLANTS: list[dict[str, Any]] = [
    {"plant": Plant(name="渝西氧化铝有限公司", sector="alumina", credit_code=complete("91500000MA5UD0A10"),
                    region="重庆市", key_region=False, address="重庆市南川区工业园区 1 号", contact="张工",
                    phone="023-71234567"),
     "values": {
         "2023": {"energy_output": "2.30", "alumina_conversion_pct": "76.5", "water_output": "0.52", "alkali_output": "8.40",
                  "red_mud_utilization_pct": "8.5", "cooling_water_reuse_pct": "97", "tailings_utilization_pct": "28"},
         "2024": {"energy_output": "2.45", "alumina_conversion_pct": "78.2", "water_output": "0.57", "alkali_output": "8.90",
                  "red_mud_utilization_pct": "10.2", "cooling_water_reuse_pct": "99", "tailings_utilization_pct": "33"},
         "2025": {"energy_consumption_kgce_per_t": "395", "alumina_conversion_pct": "80.1", "water_intake_m3_per_t": "1.62",
                  "alkali_output": "9.60", "red_mud_utilization_pct": "12.4", "cooling_water_reuse_pct": "100",
                  "tailings_utilization_pct": "41"}},
     "techs": {"tech_rotary_kiln_calcination": False, "tech_cone_settlers": False, "tech_3_4_effect_evaporation": True,
               "enc_deep_cone_settlers": True, "enc_red_mud_dry_stacking": True, "enc_fluidised_calcination": True,
               "enc_5_6_effect_falling_film_evaporation": False}},
    {"plant": Plant(name="黔江电解铝股份有限公司", sector="electrolytic", credit_code=complete("91500114MA60E0B20"),
                    region="重庆市", key_region=True, address="重庆市黔江区正阳工业园 8 号", contact="李工",
                    phone="023-79876543"),
     "values": {
         "2023": {"energy_output": "0.55", "alumina_output": "0.515", "water_output": "0.58", "anode_output": "1.98",
                  "fluoride_output": "50.2", "solid_waste_utilization_pct": "62", "cooling_water_reuse_pct": "98",
                  "spent_electrolyte_recycling_pct": "96", "spent_anode_recycling_pct": "100",
                  "cell_current_ka": "400", "ac_consumption_kwh_per_t": "13420", "renewable_share_pct": "18",
                  "direct_alloying_pct": "82", "clean_transport_pct": "64", "env_performance_grade": "B"},
         "2024": {"energy_output": "0.57", "alumina_output": "0.52", "water_output": "0.64", "anode_output": "2.02",
                  "fluoride_output": "58.0", "solid_waste_utilization_pct": "71", "cooling_water_reuse_pct": "100",
                  "spent_electrolyte_recycling_pct": "100", "spent_anode_recycling_pct": "100",
                  "cell_current_ka": "400", "ac_consumption_kwh_per_t": "13310", "renewable_share_pct": "22",
                  "direct_alloying_pct": "87", "clean_transport_pct": "72", "env_performance_grade": "B"},
         "2025": {"energy_consumption_kgce_per_t": "1680", "alumina_consumption_kg_per_t": "1918",
                  "water_intake_m3_per_t": "1.45", "anode_gross_consumption_kg_per_t": "488",
                  "fluoride_consumption_kg_per_t": "16.2", "solid_waste_utilization_pct": "78",
                  "cooling_water_reuse_pct": "100", "spent_electrolyte_recycling_pct": "100",
                  "spent_anode_recycling_pct": "100", "cell_current_ka": "500", "ac_consumption_kwh_per_t": "12980",
                  "renewable_share_pct": "27", "direct_alloying_pct": "91", "clean_transport_pct": "76",
                  "env_performance_grade": "A", "new_or_expansion_project": "false",
                  "new_self_owned_coal_units": "false"}},
     "techs": {"tech_soderberg_cells": False, "tech_coal_fired_baking_furnace": False,
               "tech_batch_pitch_melting": False, "tech_coal_fired_pot_calciner": False,
               "enc_prebaked_cells_280ka": True, "enc_dense_phase_alumina_conveying": True,
               "enc_computer_alumina_feed_control": True, "enc_graphitised_cathode_blocks": False,
               "enc_plant_wastewater_reuse": True, "enc_ring_baking_furnace": True, "enc_continuous_kneading": False},
     # group KPIs tracked year over year (002 绿之果·降碳绩效); water and energy agree with the production
     # and the water/energy output of each year
     "kpis": {"2023": {"new_water_use_m3": "310345", "total_energy_tce": "327273", "co2_emissions_t": "2450000"},
              "2024": {"new_water_use_m3": "289063", "total_energy_tce": "324561", "co2_emissions_t": "2390000"},
              "2025": {"new_water_use_m3": "275500", "total_energy_tce": "319200", "co2_emissions_t": "2268000"}},
     "dross": {"production_t": {"2023": 180000, "2024": 185000, "2025": 190000}, "self_utilization": True,
               "code": "321-024-48", "primary_per_t": Decimal("0.0125"), "secondary_share": Decimal("0.55")}},
    {"plant": Plant(name="綦江再生铝业有限公司", sector="recycled", credit_code=complete("91500110MA61F0C30"),
                    region="重庆市", key_region=False, address="重庆市綦江区古南街道再生资源产业园 3 号", contact="王经理",
                    phone="023-48612345"),
     "values": {"2023": {"recycled_al_share_pct": "92", "cooling_water_reuse_pct": "95"},
                "2024": {"recycled_al_share_pct": "96", "cooling_water_reuse_pct": "98"},
                "2025": {"recycled_al_share_pct": "99.6", "cooling_water_reuse_pct": "100"}},
     "dross": {"production_t": {"2023": 60000, "2024": 64000, "2025": 70000}, "self_utilization": True,
               "code": "321-026-48", "primary_per_t": Decimal("0.09"), "secondary_share": Decimal("0.7")}},
    {"plant": Plant(name="长寿铝材压铸有限公司", sector="processing", credit_code=complete("91500115MA62G0D40"),
                    region="重庆市", key_region=False, address="重庆市长寿区经济技术开发区 12 号", contact="赵主任",
                    phone="023-40234567"),
     "values": {"2023": {"recycled_al_share_pct": "24", "cooling_water_reuse_pct": "90"},
                "2024": {"recycled_al_share_pct": "31", "cooling_water_reuse_pct": "96"},
                "2025": {"recycled_al_share_pct": "35", "cooling_water_reuse_pct": "100"}},
     "dross": {"production_t": {"2023": 25000, "2024": 26000, "2025": 28000}, "self_utilization": False,
               "code": "321-026-48", "primary_per_t": Decimal("0.02"), "secondary_share": Decimal("0")}},
]

USED_IN_PLANT = Decimal("0.85")  # share of the primary dross recovered in-plant where a plant does so
MANIFEST_FORGOTTEN = ("recycled", "2025", 11)
LEDGER_LATE = ("processing", "2025", 3)

RECEIVER = {"name": "重庆绿环危险废物处置有限公司", "licence_no": "渝危废经第 500000-2023-017 号",
            "codes": ["321-024-48", "321-026-48"], "valid_from": "2023-01-01", "valid_to": "2027-12-31"}


def _values(spec: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in spec.items():
        out[k] = field(k).parse(v)
    return out


def _ledger(plant: dict[str, Any], year: str) -> list[dict[str, Any]]:
    d = plant["dross"]
    production = Decimal(d["production_t"][year])
    primary_year = production * d["primary_per_t"]
    entries = []
    for month in range(1, 13):
        day = _dt.date(int(year), month, 5).isoformat()
        gen = (primary_year / 12).quantize(Decimal("0.01"))
        container = f"TB-{year}-{month:02d}"
        entries.append({"date": day, "code": d["code"], "kind": "primary", "movement": "generated",
                        "quantity_t": gen, "container": container})
        if plant["dross"]["self_utilization"]:
            used = (gen * USED_IN_PLANT).quantize(Decimal("0.01"))
            entries.append({"date": _dt.date(int(year), month, 12).isoformat(), "code": d["code"], "kind": "primary",
                            "movement": "self_utilized", "quantity_t": used, "container": container})
            sec = (used * d["secondary_share"]).quantize(Decimal("0.01"))
            entries.append({"date": _dt.date(int(year), month, 13).isoformat(), "code": d["code"],
                            "kind": "secondary", "movement": "generated", "quantity_t": sec,
                            "container": f"HB-{year}-{month:02d}"})
            entries.append({"date": _dt.date(int(year), month, 25).isoformat(), "code": d["code"],
                            "kind": "secondary", "movement": "transferred", "quantity_t": sec,
                            "container": f"HB-{year}-{month:02d}", "receiver": RECEIVER["name"],
                            "manifest_no": f"500{year}{month:02d}{len(entries):04d}"})
            rest = gen - used
        else:
            rest = gen
        manifest = f"500{year}{month:02d}{len(entries):04d}"
        if (plant["plant"].sector, year, month) == MANIFEST_FORGOTTEN:
            manifest = ""  # an instructive finding: a transfer without its manifest number
        entries.append({"date": _dt.date(int(year), month, 26).isoformat(), "code": d["code"], "kind": "primary",
                        "movement": "transferred", "quantity_t": rest, "container": container,
                        "receiver": RECEIVER["name"], "manifest_no": manifest})
    return entries


def _filings(sector: str, year: str) -> list[dict[str, str]]:
    """Declarations by 20 March, quarterly ledgers ten days after each quarter (one late, as an example)."""
    y = int(year)
    out = [{"kind": "declaration", "period": year, "date": f"{year}-03-20"}]
    for q in range(1, 5):
        if (year, q) == ("2025", 4):
            break  # not yet due at the end of 2025
        end_month = 3 * q
        day = _dt.date(y + (end_month == 12), end_month % 12 + 1, 10)
        if (sector, year, q) == LEDGER_LATE:
            day = day + _dt.timedelta(days=10)
        out.append({"kind": "ledger", "period": f"{year}Q{q}", "date": day.isoformat()})
    return out


def demo_assessments() -> list[tuple[Assessment, str]]:
    """Every demo assessment with the status it is stored in."""
    out = []
    for spec in PLANTS:
        for year in PERIODS:
            values = _values({**spec["values"][year], **spec.get("kpis", {}).get(year, {})})
            if spec["plant"].sector in ("alumina", "electrolytic"):
                for r in ALL_REQS:
                    values[r] = not (year == "2023" and r == "req_cleaner_production_audit")
            for t, present in spec.get("techs", {}).items():
                values[t] = present
            dross = None
            if "dross" in spec:
                d = spec["dross"]
                reqs = {"6.1.1": True, "6.1.2": True, "6.1.3": True, "6.1.4": True, "6.1.5": True, "6.1.6": True,
                        "6.1.7": year != "2023", "6.1.8": year == "2025", "6.1.9": True, "6.1.10": True,
                        "6.2.1": d["self_utilization"], "6.2.2": True, "6.2.3": True, "6.3": True}
                dross = {"production_t": Decimal(d["production_t"][year]), "self_utilization": d["self_utilization"],
                         "requirements": reqs, "receivers": [dict(RECEIVER)], "ledger": _ledger(spec, year),
                         "filings": _filings(spec["plant"].sector, year)}
            a = Assessment(plant=spec["plant"], period=year,
                           assessor=Assessor("陈评估", "重庆市循环经济评估中心"), values=values, dross=dross)
            out.append((a, "final" if year != "2025" else "draft"))
    return out


def demo_path() -> Path:
    """Where the demo database lives: beside the user's default database."""
    return default_path().with_name("alassess-demo.db")


def create_demo(path: str | Path) -> dict[str, int]:
    """Fill the database at ``path`` with the demo plants (idempotent: a second run adds nothing)."""
    db = open_db(path)
    try:
        with repo.transaction(db):
            for a, status in demo_assessments():
                aid, created = repo.save_assessment(db, a)
                if created and status != "draft":
                    repo.set_status(db, aid, status)
        return {"plants": db["plants"].count, "assessments": db["assessments"].count,
                "ledger": db["dross_ledger"].count}
    finally:
        db.conn.close()
