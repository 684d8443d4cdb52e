#!/usr/bin/env python3
"""Synthetic tables in kzlg's schema, for benchmarks and scale tests.

    python3 bench/synth.py --tenures 100000 --out bench/out/100k

Scales everything from the number of tenure rows: regions, districts, akimats and maslikhats,
generic and specific posts, people, tenures, institutional statements and aliases. The output
is deterministic for a given --seed, valid for `kzlg build`, and realistic in shape: every row
carries provenance (a synthetic report source with quotes and lines, which `kzlg build` does
not open).
"""
import argparse
import datetime
import csv
import os
import random

HEADERS = {
    "sources": "id,kind,title,publisher,author,date,file,url,language,note,evidence,line",
    "units": "id,type,name_en,name_ru,name_kk,part_of,note,source,evidence,line",
    "bodies": "id,type,category,name_en,name_ru,name_kk,unit,level,parent,note,source,evidence,line",
    "organisations": "id,category,name_en,name_ru,name_kk,country,parent,note,source,evidence,line",
    "posts": "id,post_type,name_en,name_ru,name_kk,body,unit,level,generic,note,source,evidence,line",
    "people": "id,name_en,name_ru,name_kk,given_name,family_name,patronymic,note,source,evidence,line",
    "tenures": "id,person,post,start,end,attested_on,note,source,evidence,line",
    "laws": "id,type,name_en,name_ru,name_kk,adopted,note,source,evidence,line",
    "provisions": "id,law,article,name_en,provides,note,source,evidence,line",
    "statements": "id,subject,predicate,object,basis,legal_basis,valid_from,valid_until,attested_on,replaced_by,condition,contradicts,note,source,evidence,line",
    "aliases": "entity,alias,lang,kind,valid_until,note,source,evidence,line",
}

GIVEN = ["Askar", "Aigul", "Nurlan", "Saule", "Yerlan", "Dana", "Marat", "Gulnara", "Serik", "Aliya",
         "Bolat", "Zhanna", "Timur", "Asel", "Kairat", "Madina", "Ruslan", "Aizhan", "Daniyar", "Laura"]
FAMILY = ["Akhmetov", "Bekova", "Sarsenov", "Nurpeisova", "Zhaksybekov", "Tulegenova", "Omarov",
          "Kassymova", "Abenov", "Iskakova", "Mukanov", "Seitkali", "Utepov", "Kenzhebayeva"]


def date(rng, first=1995, last=2024):
    year = rng.randint(first, last)
    precision = rng.random()
    if precision < 0.3:
        return f"{year}"
    month = rng.randint(1, 12)
    if precision < 0.6:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenures", type=int, required=True, help="number of tenure rows")
    parser.add_argument("--out", required=True, help="folder to write the tables into")
    parser.add_argument("--seed", type=int, default=2002)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    n = args.tenures
    regions = 20
    districts = max(regions, n // 50)
    people = max(10, n // 2)
    statements = max(10, n // 10)
    os.makedirs(args.out, exist_ok=True)
    files = {}
    writers = {}
    for table, header in HEADERS.items():
        files[table] = open(os.path.join(args.out, f"{table}.csv"), "w", newline="", encoding="utf-8")
        writers[table] = csv.writer(files[table], lineterminator="\n")
        writers[table].writerow(header.split(","))
    line = iter(range(1, 10**9))

    def prov():
        return ["synthetic", f"synthetic quote {rng.randint(0, 10**6)}", str(next(line))]

    w = writers
    w["sources"].writerow(["kzlg-dataset", "dataset", "Synthetic tables", "", "", "2026-12-01", "", "", "en", "", "",
                           ""])
    w["sources"].writerow(["synthetic", "report", "Synthetic report", "", "", "2002", "synthetic.txt", "", "en", "",
                           "Synthetic report", "1"])
    w["laws"].writerow(["law-lsg", "Law", "Law on Local State Government", "", "", "2001", ""] + prov())
    w["provisions"].writerow(["law-lsg-art-32", "law-lsg", "32", "Law on Local State Government, article 32", "", ""]
                             + prov())
    w["units"].writerow(["country", "Country", "Country", "", "", "", ""] + prov())
    w["bodies"].writerow(["president", "StateBody", "presidency", "President", "", "", "", "", "", ""] + prov())
    for level, unit_type in (("region", "Region"), ("district", "District")):
        for kind, body_type in (("akimat", "Akimat"), ("maslikhat", "Maslikhat")):
            w["bodies"].writerow([f"{kind}-{level}", body_type, "", f"{body_type} of a {level}", "", "", "",
                                  unit_type, "", ""] + prov())
        w["posts"].writerow([f"akim-{level}", "Akim", f"Akim of a {level}", "", "", f"akimat-{level}", "", unit_type,
                             "", ""] + prov())
        w["posts"].writerow([f"secretary-{level}", "MaslikhatSecretary", f"Maslikhat secretary of a {level}", "", "",
                             f"maslikhat-{level}", "", unit_type, "", ""] + prov())
    generic_rules = [
        ("akim-region", "appointedBy", "president", "de_jure"),
        ("akim-region", "dismissedBy", "president", "de_facto"),
        ("akim-district", "appointedBy", "akim-region", "de_facto"),
        ("akim-district", "accountableTo", "maslikhat-district", "de_jure"),
        ("maslikhat-district", "canExpressDistrustIn", "akim-district", "de_jure"),
    ]
    for i, (s, p, o, basis) in enumerate(generic_rules):
        w["statements"].writerow([f"rule-{i}", s, p, o, basis, "law-lsg-art-32", "2001", "", "", "", "", "", ""]
                                 + prov())

    posts = []
    for r in range(regions):
        region = f"region-{r}"
        w["units"].writerow([region, "Region", f"Region {r}", f"Область {r}", f"{r} облысы", "country", ""] + prov())
        w["aliases"].writerow([region, f"Oblast {r}", "en", "variant", "", ""] + prov())
        for kind, body_type in (("akimat", "Akimat"), ("maslikhat", "Maslikhat")):
            w["bodies"].writerow([f"{kind}-{region}", body_type, "", f"{body_type} of Region {r}", "", "", region, "",
                                  "", ""] + prov())
        w["posts"].writerow([f"akim-{region}", "Akim", f"Akim of Region {r}", "", "", f"akimat-{region}", region, "",
                             "akim-region", ""] + prov())
        posts.append(f"akim-{region}")
    for d in range(districts):
        region = f"region-{d % regions}"
        district = f"district-{d}"
        w["units"].writerow([district, "District", f"District {d}", f"Район {d}", f"{d} ауданы", region, ""] + prov())
        w["aliases"].writerow([district, f"Rayon {d}", "en", "variant", "", ""] + prov())
        for kind, body_type in (("akimat", "Akimat"), ("maslikhat", "Maslikhat")):
            w["bodies"].writerow([f"{kind}-{district}", body_type, "", f"{body_type} of District {d}", "", "",
                                  district, "", "", ""] + prov())
        for post, post_type, body, generic in (
            (f"akim-{district}", "Akim", f"akimat-{district}", "akim-district"),
            (f"secretary-{district}", "MaslikhatSecretary", f"maslikhat-{district}", "secretary-district"),
            (f"deputy-akim-{district}", "DeputyAkim", f"akimat-{district}", ""),
        ):
            w["posts"].writerow([post, post_type, f"{post_type} of District {d}", "", "", body, district, "", generic,
                                 ""] + prov())
            posts.append(post)
    for p in range(people):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        w["people"].writerow([f"person-{p}", f"{given} {family}", "", "", given, family, "", ""] + prov())
    # A post with one seat (an akim, a secretary) has one holder at a time: its tenures are seen on
    # successive days; deputies' tenures are periods that may overlap.
    seen = {}
    first_day = datetime.date(1990, 1, 1)
    for t in range(n):
        post = rng.choice(posts)
        if post.startswith("deputy-"):
            start = date(rng)
            end = "" if rng.random() < 0.3 else str(min(2026, int(start[:4]) + rng.randint(0, 6)))
            attested = ""
        else:
            start = end = ""
            attested = (first_day + datetime.timedelta(days=seen.get(post, 0))).isoformat()
            seen[post] = seen.get(post, 0) + 1
        w["tenures"].writerow([f"tenure-{t}", f"person-{rng.randrange(people)}", post, start, end, attested, ""]
                              + prov())
    # Relations that do not fill the post: random ones cannot contradict each other.
    predicates = ["nominatedBy", "accountableTo", "reportsTo", "approvedBy", "coordinates"]
    for s in range(statements):
        d = rng.randrange(districts)
        subject = f"akim-district-{d}"
        obj = f"akim-region-{d % regions}" if rng.random() < 0.7 else f"secretary-district-{rng.randrange(districts)}"
        valid_from = date(rng, 1995, 2015)
        valid_until = "" if rng.random() < 0.7 else str(int(valid_from[:4]) + rng.randint(1, 8))
        w["statements"].writerow([f"stmt-{s}", subject, rng.choice(predicates), obj,
                                  rng.choice(["de_jure", "de_facto"]), "law-lsg-art-32", valid_from, valid_until, "",
                                  "", "", "", ""] + prov())
    for f in files.values():
        f.close()


if __name__ == "__main__":
    main()
