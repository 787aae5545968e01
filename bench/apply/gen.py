#!/usr/bin/env python3
"""Writes a local-engine project of N new Copy specs into OUTDIR (deterministic).

Usage: gen.py OUTDIR [COUNT] [MANIFESTS]

With BENCH_CONFIRM=false in the environment the jobs run without confirmation (they end Complete).

Every spec copies the objects of a CSV manifest into bucket dst; the COUNT specs share MANIFESTS
manifest files (default 10), so staging uploads each file once. Seed the buckets afterwards with
`bops local seed src data`, `bops local mb dst` and `bops local mb reports`.
"""

import os
import sys

root = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
manifests = int(sys.argv[3]) if len(sys.argv) > 3 else 10
confirm = os.environ.get("BENCH_CONFIRM", "true")
os.makedirs(os.path.join(root, "specs/manifests"), exist_ok=True)
os.makedirs(os.path.join(root, "data"), exist_ok=True)
for i in range(20):
    with open(os.path.join(root, "data/o-%02d.txt" % i), "w") as f:
        f.write("object %d\n" % i)
for m in range(manifests):
    with open(os.path.join(root, "specs/manifests/m-%02d.csv" % m), "w") as f:
        for k in range(1 + m % 20):
            f.write("src,o-%02d.txt\n" % k)
with open(os.path.join(root, "bops.yaml"), "w") as f:
    f.write('apiVersion: bops/v1\nkind: Project\nengine: local\naccount: "111122223333"\n'
            "region: us-east-1\n")
for i in range(count):
    with open(os.path.join(root, "specs/job-%05d.yaml" % i), "w") as f:
        f.write(f"""apiVersion: bops/v1
kind: BatchJob
metadata:
  name: job-{i:05d}
spec:
  roleArn: arn:aws:iam::111122223333:role/batch
  priority: {i % 100}
  confirmationRequired: {confirm}
  manifest:
    csv: {{ file: manifests/m-{i % manifests:02d}.csv, fields: [Bucket, Key] }}
  operation:
    copy:
      destination: arn:aws:s3:::dst
      storageClass: {["STANDARD_IA", "GLACIER_IR", "DEEP_ARCHIVE"][i % 3]}
  report: {{ bucket: "arn:aws:s3:::reports", prefix: bops, scope: failed }}
  tags: {{ team: t{i % 7} }}
""")
