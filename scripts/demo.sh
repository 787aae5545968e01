#!/usr/bin/env bash
# The whole bops flow on the embedded local engine, no AWS account needed:
# validate, plan, apply (jobs wait for confirmation with their task counts), confirm, run, report,
# a campaign (a copy that waits until a restore's objects are readable, driven by apply --wait),
# and a last apply that changes nothing. Works on a copy of specs/ in a temporary project folder.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

echo "==> building bops"
swift build --product bops >/dev/null
bops="$repo/.build/debug/bops"

demo="${BOPS_DEMO_DIR:-$(mktemp -d /tmp/bops-demo.XXXXXX)}"
mkdir -p "$demo"
cp -R "$repo/specs" "$repo/examples" "$repo/bops.yaml" "$demo/"
cd "$demo"
# Restores take 3 seconds on the demo's local engine, so the campaign has something to wait for.
sed -i.bak 's|^  path: .bops/local .*$|&\n  restoreDelay: 3s|' bops.yaml && rm -f bops.yaml.bak
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
    step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
else
    step() { printf '\n==> %s\n' "$*"; }
fi

step "seeding the local engine's buckets (bops local ...)"
"$repo/scripts/seed-examples.sh" "$bops" "$demo"

step "bops validate"
"$bops" validate
step "bops plan"
"$bops" plan
step "bops plan examples/missing-permission.yaml  (its role may not write the archive: plan stops it)"
"$bops" local role put batch-copy-readonly --trust specs/roles/trust.json --policy examples/roles/batch-copy-readonly.json
if "$bops" plan examples/missing-permission.yaml; then
    echo "expected plan to refuse examples/missing-permission.yaml" >&2
    exit 1
fi
"$bops" policy copy-logs-to-archive --file examples/missing-permission.yaml --document permissions
step "bops plan examples/bucket-policy-deny.yaml  (the destination's bucket policy denies its role: plan stops it)"
"$bops" local mb locked-archive-111122223333
"$bops" local put-bucket-config locked-archive-111122223333 --policy examples/policies/deny-batch-writes.json
if "$bops" plan examples/bucket-policy-deny.yaml; then
    echo "expected plan to refuse examples/bucket-policy-deny.yaml" >&2
    exit 1
fi
step "the role exempt in the bucket policy, as the plan's hint says: the plan passes"
"$bops" local put-bucket-config locked-archive-111122223333 --policy examples/policies/exempt-batch-writes.json
"$bops" plan examples/bucket-policy-deny.yaml
step "bops apply --auto-approve  (jobs are created and wait for confirmation)"
"$bops" apply --auto-approve
"$bops" status

step "confirm: true in every spec, then bops plan shows each job's task count"
sed -i.bak 's/^  confirm: false$/  confirm: true/' specs/*.yaml && rm -f specs/*.bak
grep -L -e '^  confirm:' -e '^  confirmationRequired: false' specs/*.yaml | while read -r f; do
    sed -i.bak 's/^  roleArn:/  confirm: true\n  roleArn:/' "$f" && rm -f "$f.bak"
done
"$bops" plan
step "bops apply --auto-approve  (confirms the jobs; copy-archive-2019-audit waits for the restore)"
"$bops" apply --auto-approve

step "bops wait restore-archive-2019, then bops plan: the restore job is Complete, its objects are not yet readable"
"$bops" wait restore-archive-2019
"$bops" plan | sed -n '/wait for other/,$p'
step "acl-bucket-owner failed on a partner upload that had not arrived; it arrives now, and retry-acl-bucket-owner retries only that task"
"$bops" report acl-bucket-owner || true
"$bops" local put shared-uploads-111122223333 partners/initech/report-q1.csv --body "upload partners/initech/report-q1.csv" \
    --content-type text/csv
"$bops" plan | sed -n '/retry-acl-bucket-owner will be created/,/^$/p'
step "bops graph  (the campaign: which spec waits for which)"
"$bops" graph
step "bops apply --wait --auto-approve  (rounds until every job has ended: the copy is made once the scans are readable)"
"$bops" apply --wait --auto-approve --poll 1s || true

for name in backfill-logs-2024 archive-photos-inventory replicate-unreplicated-photos replicate-contracts-versions \
    tag-logs-for-lifecycle delete-tags-scratch acl-bucket-owner restore-archive-2019 legal-hold-evidence \
    retention-contracts checksum-audit encrypt-to-kms lambda-resize-photos; do
    step "bops wait $name"
    "$bops" wait "$name" || true
done
"$bops" status
step "bops report backfill-logs-2024"
"$bops" report backfill-logs-2024 || true
step "bops report archive-photos-inventory"
"$bops" report archive-photos-inventory || true
step "bops report checksum-audit  (the SHA-256 of every log, computed at rest)"
"$bops" report checksum-audit || true
step "bops report retry-acl-bucket-owner  (the retried task, now succeeded)"
"$bops" report retry-acl-bucket-owner || true
step "bops report lambda-resize-photos  (each resultString of specs/handlers/resize.py)"
"$bops" report lambda-resize-photos || true
step "bops apply again: nothing to do"
"$bops" apply --auto-approve
echo
echo "The demo project is in $demo (bops --chdir $demo status)."
