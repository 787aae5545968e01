"""A LambdaInvoke job created with boto3 runs the emulator's local handler (specs/handlers/resize.py).

Environment: BOPS_EMULATOR_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, MAPPED_ARN (the function
the emulator maps), UNMAPPED_ARN (one it does not). Exits 0 when every check holds, 1 with a message.
"""

import csv
import io
import json
import os
import sys
import time
import urllib.parse
import uuid

import boto3
from botocore.config import Config

URL = os.environ["BOPS_EMULATOR_URL"]
ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/batch-ops"


def check(condition, message):
    if not condition:
        print("MISMATCH: " + message, flush=True)
        sys.exit(1)


def strip_account_prefix(request, **kwargs):
    parts = urllib.parse.urlsplit(request.url)
    account = request.headers.get("x-amz-account-id")
    if isinstance(account, bytes):
        account = account.decode()
    if account and parts.netloc.startswith(account + "."):
        request.url = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc[len(account) + 1 :]))


config = Config(retries={"max_attempts": 1, "mode": "standard"})
session = boto3.session.Session(region_name="us-east-1")
s3 = session.client("s3", endpoint_url=URL, config=config)
control = session.client("s3control", endpoint_url=URL, config=config)
control.meta.events.register("before-sign.s3-control", strip_account_prefix)


def run_job(operation, keys, prefix):
    manifest = "".join(f"photos,{urllib.parse.quote(k)}\n" for k in keys)
    etag = s3.put_object(Bucket="manifests", Key=prefix + ".csv", Body=manifest.encode())["ETag"]
    job_id = control.create_job(
        AccountId=ACCOUNT, ConfirmationRequired=False, Operation=operation, Priority=10, RoleArn=ROLE,
        ClientRequestToken=str(uuid.uuid4()),
        Report={"Bucket": "arn:aws:s3:::reports", "Format": "Report_CSV_20180820", "Enabled": True,
                "Prefix": prefix, "ReportScope": "AllTasks"},
        Manifest={"Spec": {"Format": "S3BatchOperations_CSV_20180820", "Fields": ["Bucket", "Key"]},
                  "Location": {"ObjectArn": f"arn:aws:s3:::manifests/{prefix}.csv", "ETag": etag}},
    )["JobId"]
    deadline = time.time() + 60
    while time.time() < deadline:
        job = control.describe_job(AccountId=ACCOUNT, JobId=job_id)["Job"]
        if job["Status"] in ("Complete", "Failed", "Cancelled"):
            break
        time.sleep(0.1)
    check(job["Status"] == "Complete", f"job ended {job['Status']}: {job.get('FailureReasons')}")
    check(job["Operation"] == operation, f"describe_job operation: {job['Operation']} != {operation}")
    report = json.loads(s3.get_object(Bucket="reports", Key=f"{prefix}/job-{job_id}/manifest.json")["Body"].read())
    rows = {}
    for entry in report["Results"]:
        body = s3.get_object(Bucket=entry["Bucket"], Key=entry["Key"])["Body"].read().decode()
        for row in csv.reader(io.StringIO(body)):
            rows[urllib.parse.unquote(row[1])] = row
    return job, rows


for bucket in ["photos", "manifests", "reports"]:
    s3.create_bucket(Bucket=bucket)
keys = ["2024/img 1.jpg", "2024/img-2.jpg", "2024/notes.txt"]
for key in keys:
    s3.put_object(Bucket="photos", Key=key, Body=b"photo")

mapped = {"LambdaInvoke": {"FunctionArn": os.environ["MAPPED_ARN"], "InvocationSchemaVersion": "2.0",
                           "UserArguments": {"size": "640"}}}
job, rows = run_job(mapped, keys, "resize")
summary = job["ProgressSummary"]
check(summary["NumberOfTasksSucceeded"] == 2 and summary["NumberOfTasksFailed"] == 1, f"summary: {summary}")
check(rows["2024/img 1.jpg"][3:] == ["succeeded", "200", "",
                                     "s3://photos/2024/img 1.jpg -> s3://photos/thumbnails/640/2024/img 1.jpg (640px)"],
      f"succeeded row: {rows['2024/img 1.jpg']}")
check(rows["2024/notes.txt"][3:] == ["failed", "200", "PermanentFailure", "not a JPEG: 2024/notes.txt"],
      f"failed row: {rows['2024/notes.txt']}")

unmapped = {"LambdaInvoke": {"FunctionArn": os.environ["UNMAPPED_ARN"]}}
job, rows = run_job(unmapped, keys[:2], "unmapped")
check(job["ProgressSummary"]["NumberOfTasksFailed"] == 2, f"unmapped summary: {job['ProgressSummary']}")
for key in keys[:2]:
    check(rows[key][3:] == ["failed", "404", "ResourceNotFoundException",
                            "Function not found: " + os.environ["UNMAPPED_ARN"]], f"unmapped row: {rows[key]}")

try:
    control.create_job(
        AccountId=ACCOUNT, ConfirmationRequired=False, Priority=10, RoleArn=ROLE, ClientRequestToken="bad-args",
        Operation={"LambdaInvoke": {"FunctionArn": os.environ["MAPPED_ARN"], "InvocationSchemaVersion": "1.0",
                                    "UserArguments": {"size": "640"}}},
        Report={"Enabled": False, "Format": "Report_CSV_20180820"},
        Manifest={"Spec": {"Format": "S3BatchOperations_CSV_20180820", "Fields": ["Bucket", "Key"]},
                  "Location": {"ObjectArn": "arn:aws:s3:::manifests/resize.csv", "ETag": "x"}})
    check(False, "user arguments with schema 1.0 were accepted")
except control.exceptions.BadRequestException as error:
    check("InvocationSchemaVersion 2.0" in str(error), f"bad request message: {error}")

print("OK: LambdaInvoke through the emulator")
