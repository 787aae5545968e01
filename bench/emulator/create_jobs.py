#!/usr/bin/env python3
"""Creates the jobs of a `bops plan --json` file with boto3, one create_job call per job, and prints
the elapsed seconds. Fresh client tokens, so every call makes a new job.
Usage: create_jobs.py PLAN_JSON ENDPOINT"""
import json
import sys
import time
import urllib.parse
import uuid

import boto3


def strip_account_prefix(request, **kwargs):
    """boto3 always puts {AccountId}. in front of the S3 Control host; 123456789012.127.0.0.1 does not resolve."""
    parts = urllib.parse.urlsplit(request.url)
    account = request.headers.get("x-amz-account-id")
    account = account.decode() if isinstance(account, bytes) else account
    if account and parts.netloc.startswith(account + "."):
        request.url = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc[len(account) + 1:]))


plan = json.load(open(sys.argv[1]))
client = boto3.client("s3control", endpoint_url=sys.argv[2], region_name="us-east-1")
client.meta.events.register("before-sign.s3-control", strip_account_prefix)
requests = [a["request"] for a in plan["actions"] if a.get("request")]
start = time.monotonic()
for r in requests:
    params = dict(r)
    params["ClientRequestToken"] = str(uuid.uuid4())
    client.create_job(**params)
elapsed = time.monotonic() - start
print(f"{len(requests)} {elapsed:.3f}")
