#!/usr/bin/env python3
"""Writes N varied, valid bops job specs into a folder (deterministic: fixed seed).

Usage: gen.py OUTDIR [COUNT] [SEED]

The specs cover Copy and Replicate jobs with CSV (S3 location + ETag), inventory and
replication-configuration manifests, and a random selection of the optional keys, so the
validator sees every branch of the schema. Every name is unique across the set.
"""

import os
import random
import sys

STORAGE = ["STANDARD", "STANDARD_IA", "ONEZONE_IA", "GLACIER", "INTELLIGENT_TIERING",
           "DEEP_ARCHIVE", "GLACIER_IR"]
CANNED = ["private", "public-read", "authenticated-read", "bucket-owner-read",
          "bucket-owner-full-control"]
CHECKSUMS = ["CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME"]
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]
STATUSES = ["COMPLETED", "FAILED", "REPLICA", "NONE"]
WORDS = ["logs", "photos", "invoices", "backups", "media", "reports", "events", "contracts",
         "archive", "exports", "metrics", "images", "videos", "audit", "data"]


def hexid(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def account(rng):
    return "".join(rng.choice("0123456789") for _ in range(12))


def csv_manifest(rng, acct, replicate):
    fields = ["Bucket", "Key", "VersionId"] if replicate or rng.random() < 0.3 else ["Bucket", "Key"]
    lines = [
        "    csv:",
        f"      location: s3://manifests-{acct}/jobs/{rng.choice(WORDS)}-{rng.randrange(10**6)}.csv",
        f"      etag: {hexid(rng, 32)}",
    ]
    if rng.random() < 0.3:
        lines.append(f"      versionId: {hexid(rng, 24)}")
    lines.append(f"      fields: [{', '.join(fields)}]")
    return lines


def inventory_manifest(rng, acct):
    word = rng.choice(WORDS)
    lines = [
        "    inventory:",
        f"      location: s3://inventory-{acct}/{word}-{acct}/daily/"
        f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T01-00Z/manifest.json",
    ]
    if rng.random() < 0.7:
        lines.append(f"      etag: {hexid(rng, 32)}")
    return lines


def replication_manifest(rng, acct):
    word = rng.choice(WORDS)
    lines = [
        "    replicationConfiguration:",
        f"      sourceBucket: arn:aws:s3:::{word}-{acct}",
    ]
    filt = []
    if rng.random() < 0.5:
        filt.append(f"        eligibleForReplication: {rng.choice(['true', 'false'])}")
    if rng.random() < 0.5:
        filt.append("        createdAfter: 2023-01-01T00:00:00Z")
        filt.append("        createdBefore: 2025-01-01T00:00:00Z")
    if rng.random() < 0.5:
        st = rng.sample(STATUSES, rng.randint(1, 3))
        filt.append(f"        objectReplicationStatuses: [{', '.join(st)}]")
    if rng.random() < 0.4:
        filt.append("        keyNameConstraint:")
        filt.append(f"          matchAnyPrefix: [{word}/]")
        filt.append(f"          matchAnySuffix: [.{rng.choice(['jpg', 'png', 'gz', 'json'])}]")
    if rng.random() < 0.3:
        filt.append(f"        objectSizeGreaterThanBytes: {rng.randrange(1000)}")
        filt.append(f"        objectSizeLessThanBytes: {rng.randrange(10**6, 10**10)}")
    if rng.random() < 0.3:
        filt.append(f"        matchAnyStorageClass: [{', '.join(rng.sample(STORAGE, 2))}]")
    if filt:
        lines.append("      filter:")
        lines += filt
    if rng.random() < 0.6:
        lines += [
            "      manifestOutput:",
            f"        bucket: arn:aws:s3:::manifests-{acct}",
            f"        prefix: generated/{word}",
            f"        expectedBucketOwner: \"{acct}\"",
        ]
        if rng.random() < 0.5:
            lines += ["        encryption:", "          sseS3: {}"]
    return lines


def copy_operation(rng, acct, region):
    lines = ["    copy:", f"      destination: arn:aws:s3:::{rng.choice(WORDS)}-copy-{acct}"]
    if rng.random() < 0.5:
        lines.append(f"      keyPrefix: {rng.choice(WORDS)}/{rng.randint(2000, 2025)}/")
    if rng.random() < 0.7:
        lines.append(f"      storageClass: {rng.choice(STORAGE)}")
    r = rng.random()
    if r < 0.3:
        lines += ["      encryption:", "        type: SSE-S3"]
    elif r < 0.6:
        lines += [
            "      encryption:",
            "        type: SSE-KMS",
            f"        kmsKeyArn: arn:aws:kms:{region}:{acct}:key/{hexid(rng, 8)}-{hexid(rng, 4)}-"
            f"{hexid(rng, 4)}-{hexid(rng, 4)}-{hexid(rng, 12)}",
            f"        bucketKeyEnabled: {rng.choice(['true', 'false'])}",
        ]
    r = rng.random()
    if r < 0.2:
        lines += ["      tags:", "        mode: copy"]
    elif r < 0.3:
        lines += ["      tags:", "        mode: remove"]
    elif r < 0.6:
        lines += ["      tags:", "        mode: replace", "        set:"]
        for i in range(rng.randint(1, 8)):
            lines.append(f"          {rng.choice(WORDS)}-{i}: {rng.choice(WORDS)}")
    r = rng.random()
    if r < 0.2:
        lines += ["      metadata:", "        mode: copy"]
    elif r < 0.5:
        lines += [
            "      metadata:",
            "        mode: replace",
            "        cacheControl: max-age=31536000, immutable",
            f"        contentType: {rng.choice(['text/plain', 'image/jpeg', 'application/json'])}",
        ]
        if rng.random() < 0.5:
            lines += ["        contentEncoding: gzip", "        contentLanguage: en"]
        if rng.random() < 0.5:
            lines += ["        user:", f"          source: {rng.choice(WORDS)}",
                      f"          year: \"{rng.randint(2000, 2025)}\""]
    r = rng.random()
    if r < 0.3:
        lines += ["      acl:", f"        canned: {rng.choice(CANNED)}"]
    elif r < 0.45:
        lines += [
            "      acl:",
            "        grants:",
            "          - grantee:",
            "              type: CanonicalUser",
            f"              id: {hexid(rng, 64)}",
            "            permission: READ",
            "          - grantee:",
            "              type: Group",
            "              uri: http://acs.amazonaws.com/groups/s3/LogDelivery",
            "            permission: WRITE_ACP",
        ]
    if rng.random() < 0.2:
        lines += [
            "      objectLock:",
            f"        legalHold: {rng.choice(['ON', 'OFF'])}",
            "        retention:",
            f"          mode: {rng.choice(['GOVERNANCE', 'COMPLIANCE'])}",
            f"          retainUntil: {rng.randint(2031, 2040)}-01-01T00:00:00Z",
        ]
    if rng.random() < 0.4:
        lines.append(f"      checksumAlgorithm: {rng.choice(CHECKSUMS)}")
    if rng.random() < 0.3:
        lines.append("      modifiedSince: 2024-01-01T00:00:00Z")
    if rng.random() < 0.2:
        lines.append("      unmodifiedSince: 2025-01-01T00:00:00Z")
    if rng.random() < 0.2:
        lines.append(f"      requesterPays: {rng.choice(['true', 'false'])}")
    return lines


def spec(rng, index):
    acct = account(rng)
    region = rng.choice(REGIONS)
    word = rng.choice(WORDS)
    name = f"{word}-{rng.choice(['copy', 'move', 'sync', 'backfill', 'replicate'])}-{index:05d}"
    replicate = rng.random() < 0.35
    lines = [
        "# yaml-language-server: $schema=../schemas/job-spec.schema.json",
        f"# Generated benchmark spec {index}.",
        "apiVersion: bops/v1",
        "kind: BatchJob",
        "metadata:",
        f"  name: {name}",
    ]
    if rng.random() < 0.4:
        lines += ["  labels:", f"    team: {rng.choice(WORDS)}"]
    lines += [
        "spec:",
        f"  account: \"{acct}\"",
        f"  region: {region}",
        f"  description: {rng.choice(['Copy', 'Archive', 'Replicate', 'Move'])} {word} objects",
    ]
    if rng.random() < 0.5:
        lines.append(f"  priority: {rng.randrange(0, 1000)}")
    lines.append(f"  roleArn: arn:aws:iam::{acct}:role/batch-{rng.choice(WORDS)}")
    if rng.random() < 0.3:
        lines.append(f"  confirmationRequired: {rng.choice(['true', 'false'])}")
    lines.append("  manifest:")
    kinds = ["csv", "inventory", "replication"] if replicate else ["csv", "inventory"]
    kind = rng.choice(kinds)
    if kind == "csv":
        lines += csv_manifest(rng, acct, replicate)
    elif kind == "inventory":
        lines += inventory_manifest(rng, acct)
    else:
        lines += replication_manifest(rng, acct)
    lines.append("  operation:")
    if replicate:
        lines.append("    replicate: {}")
    else:
        lines += copy_operation(rng, acct, region)
    if rng.random() < 0.2:
        lines += ["  report:", "    scope: disabled"]
    else:
        lines += [
            "  report:",
            f"    bucket: arn:aws:s3:::reports-{acct}",
            f"    prefix: bops/{name}",
            f"    scope: {rng.choice(['all', 'failed'])}",
        ]
    if rng.random() < 0.5:
        lines += ["  tags:", f"    cost-center: \"{rng.randrange(100)}\"", f"    owner: {rng.choice(WORDS)}"]
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: gen.py OUTDIR [COUNT] [SEED]")
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20240601
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    for i in range(count):
        with open(os.path.join(out, f"spec-{i:05d}.yaml"), "w") as f:
            f.write(spec(rng, i))


if __name__ == "__main__":
    main()
