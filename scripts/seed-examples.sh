#!/usr/bin/env bash
# Puts into a project's local engine the buckets and objects the examples in specs/ work on, and
# writes specs/manifests/contracts-versions.csv with the version ids the store gave the objects.
# Usage: scripts/seed-examples.sh BOPS_BINARY PROJECT_DIR   (the project's bops.yaml must say engine: local)
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: scripts/seed-examples.sh BOPS_BINARY PROJECT_DIR (scripts/demo.sh runs it for you)" >&2; exit 2; }
bops="$1"
demo="$(cd "$2" && pwd)"
cd "$demo"
objects="$demo/.seed"
mkdir -p "$objects/logs/2024/01/01" "$objects/logs/2024/02/14" "$objects/logs/2024/06/30/api gateway" \
    "$objects/logs/2024/12/31" "$objects/contracts/signed/2024" "$objects/photos/albums/2024"
for f in 2024/01/01/web-01.log.gz 2024/01/01/web-02.log.gz 2024/02/14/web-01.log.gz \
    "2024/06/30/api gateway/access.log.gz" 2024/12/31/web-01.log.gz; do
    echo "log line of $f" | gzip -c >"$objects/logs/$f"
done
for i in 1 2 3 4 5 6; do echo "jpeg $i" >"$objects/photos/albums/2024/img-$i.jpg"; done
echo "readme" >"$objects/photos/albums/2024/notes.txt"
for f in acme-msa.pdf globex-nda.pdf "initech sow.pdf"; do echo "contract $f v1" >"$objects/contracts/signed/2024/$f"; done
"$bops" local seed app-logs-111122223333 "$objects/logs"
"$bops" local mb archive-111122223333 --object-lock
"$bops" local mb reports-111122223333
"$bops" local mb manifests-111122223333
"$bops" local mb photos-archive-111122223333
"$bops" local mb photos-dr-111122223333 --versioning
"$bops" local seed photos-111122223333 "$objects/photos" --versioning
"$bops" local seed contracts-111122223333 "$objects/contracts" --versioning
echo "contract acme-msa.pdf v2" >"$objects/contracts/signed/2024/acme-msa.pdf"
"$bops" local seed contracts-111122223333 "$objects/contracts" >/dev/null
"$bops" local mb contracts-dr-111122223333 --versioning
cat >"$objects/replication-photos.json" <<'JSON'
{"Role": "arn:aws:iam::111122223333:role/replication",
 "Rules": [{"ID": "albums", "Priority": 1, "Status": "Enabled", "Filter": {"Prefix": "albums/"},
            "Destination": {"Bucket": "arn:aws:s3:::photos-dr-111122223333"}}]}
JSON
"$bops" local put-replication photos-111122223333 "$objects/replication-photos.json"
sed 's/photos-dr-111122223333/contracts-dr-111122223333/; s/"albums\/"/"signed\/"/' \
    "$objects/replication-photos.json" >"$objects/replication-contracts.json"
"$bops" local put-replication contracts-111122223333 "$objects/replication-contracts.json"

# The objects of the object-operation examples (bops local put sets storage class, encryption,
# tags and Object Lock): archived scans to restore, evidence and contracts in Object Lock buckets,
# partner uploads for the ACL job, tagged scratch objects, billing exports under SSE-S3 and SSE-KMS.
for k in 2019/01/scan-0001.tif 2019/01/scan-0002.tif 2019/06/scan-0107.tif; do
    "$bops" local put scans-archive-111122223333 "$k" --body "scan $k" --storage-class GLACIER
done
"$bops" local put scans-archive-111122223333 2019/12/scan-0999.tif --body "deep scan" --storage-class DEEP_ARCHIVE
for k in case-2024-117/mail-export.pst case-2024-117/laptop.img "case-2024-117/notes final.txt"; do
    "$bops" local put evidence-111122223333 "$k" --body "evidence $k" --object-lock
done
for k in signed/2024/acme-msa.pdf signed/2024/globex-nda.pdf; do
    "$bops" local put contracts-locked-111122223333 "$k" --body "contract $k" --object-lock
done
for k in partners/acme/report-q1.csv partners/globex/report-q1.csv; do
    "$bops" local put shared-uploads-111122223333 "$k" --body "upload $k" --content-type text/csv
done
for k in tmp/run-1/out.parquet tmp/run-2/out.parquet; do
    "$bops" local put scratch-111122223333 "$k" --body "scratch $k" --tag stage=tmp --tag owner=ci
done
for k in exports/2024-01.csv exports/2024-02.csv exports/2024-03.csv; do
    "$bops" local put billing-111122223333 "$k" --body "billing $k" --sse AES256
done
"$bops" local put billing-111122223333 exports/2024-04.csv --body "billing 2024-04" --sse aws:kms \
    --kms-key-id arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab

# The contracts manifest names object versions: write it with the version ids the store gave them.
"$bops" local ls contracts-111122223333 --versions --json | python3 -c '
import json, sys, urllib.parse
for o in json.load(sys.stdin):
    print("contracts-111122223333,%s,%s" % (urllib.parse.quote(o["key"]), o["version_id"]))
' >specs/manifests/contracts-versions.csv

# An S3 Inventory report (manifest.json + gzipped CSV) for the archive spec.
python3 - "$objects/inventory" <<'PY'
import gzip, hashlib, json, os, sys
root = sys.argv[1]
prefix = "photos-111122223333/daily"
data_key = prefix + "/data/0b1a4a1e-inventory.csv.gz"
rows = "".join('"photos-111122223333","albums/2024/img-%d.jpg"\n' % i for i in range(1, 7)).encode()
blob = gzip.compress(rows)
os.makedirs(os.path.join(root, prefix, "data"), exist_ok=True)
os.makedirs(os.path.join(root, prefix, "2024-12-31T01-00Z"), exist_ok=True)
open(os.path.join(root, data_key), "wb").write(blob)
manifest = {"sourceBucket": "photos-111122223333", "destinationBucket": "arn:aws:s3:::inventory-111122223333",
            "version": "2016-11-30", "creationTimestamp": "1735606800000", "fileFormat": "CSV",
            "fileSchema": "Bucket, Key",
            "files": [{"key": data_key, "size": len(blob), "MD5checksum": hashlib.md5(blob).hexdigest()}]}
open(os.path.join(root, prefix, "2024-12-31T01-00Z", "manifest.json"), "w").write(json.dumps(manifest))
PY
"$bops" local seed inventory-111122223333 "$objects/inventory"

# Two weekly deliveries of another inventory of the photos (with the Size and StorageClass columns):
# the latest-inventory spec takes the newer one, which lists all six photos.
head -3 specs/manifests/lambda-photos.csv >"$objects/weekly-older.csv"
head -6 specs/manifests/lambda-photos.csv >"$objects/weekly-newer.csv"
"$bops" local put-inventory inventory-111122223333 photos-111122223333/weekly --from "$objects/weekly-older.csv" \
    --date 2026-11-29T01:00:00Z --sizes >/dev/null
"$bops" local put-inventory inventory-111122223333 photos-111122223333/weekly --from "$objects/weekly-newer.csv" \
    --date 2026-12-06T01:00:00Z --sizes >/dev/null


# The roles the examples run as (specs/roles/): declared, a job runs as its role, so the local engine
# checks and enforces the permissions it needs (docs/permissions.md).
for role in batch-operations batch-object-lock batch-replication; do
    "$bops" local role put "$role" --trust specs/roles/trust.json --policy "specs/roles/$role.json"
done
