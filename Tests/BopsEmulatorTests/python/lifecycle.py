"""Drives the bops emulator through a whole S3 Batch Operations lifecycle with boto3.

Environment: BOPS_EMULATOR_URL (http://127.0.0.1:PORT), AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.
Exits 0 when every step answered as AWS would, 1 with a message on the first mismatch,
77 when boto3 is not installed.

The S3 Control recipe: botocore always puts "{AccountId}." in front of the S3 Control host,
also for a custom endpoint (http://123456789012.127.0.0.1:PORT does not resolve), so a
"before-sign.s3-control" handler strips it again. The emulator accepts either form. Without a
hook, the emulator also serves as its own HTTP proxy (proxies={"http": URL}, or HTTP_PROXY for
the AWS CLI): the client then never resolves the prefixed name.
"""

import os
import sys
import time
import urllib.parse
import uuid

try:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError:
    print("SKIP: boto3 is not installed (pip install boto3)")
    sys.exit(77)

URL = os.environ["BOPS_EMULATOR_URL"]
ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/batch-ops"
REGION = "us-east-1"
STEPS = []


def step(name):
    STEPS.append(name)
    print(f"- {name}", flush=True)


def check(condition, message):
    if not condition:
        print(f"MISMATCH in step '{STEPS[-1] if STEPS else '?'}': {message}", flush=True)
        sys.exit(1)


def strip_account_prefix(request, **kwargs):
    """before-sign.s3-control: drop the "{AccountId}." label botocore puts in front of the host."""
    parts = urllib.parse.urlsplit(request.url)
    account = request.headers.get("x-amz-account-id")
    if isinstance(account, bytes):
        account = account.decode()
    if account and parts.netloc.startswith(account + "."):
        request.url = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc[len(account) + 1 :]))


def clients(secret=None, key=None):
    session = boto3.session.Session(
        aws_access_key_id=key or os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=secret or os.environ["AWS_SECRET_ACCESS_KEY"],
        region_name=REGION,
    )
    config = Config(retries={"max_attempts": 1, "mode": "standard"})
    s3 = session.client("s3", endpoint_url=URL, config=config)
    control = session.client("s3control", endpoint_url=URL, config=config)
    control.meta.events.register("before-sign.s3-control", strip_account_prefix)
    return s3, control


def expect_error(code, status, call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as error:
        got = error.response["Error"]["Code"]
        got_status = error.response["ResponseMetadata"]["HTTPStatusCode"]
        check(got == code, f"expected error {code}, got {got}: {error}")
        check(got_status == status, f"expected HTTP {status} for {code}, got {got_status}")
        check(error.response["ResponseMetadata"].get("RequestId"), f"{code} answer has no request id")
        return error
    check(False, f"expected error {code}, the call succeeded")


def job_request(s3, token, etag, priority=10, confirm=True, description="copy logs", tags=None):
    request = dict(
        AccountId=ACCOUNT,
        ConfirmationRequired=confirm,
        Operation={"S3PutObjectCopy": {"TargetResource": "arn:aws:s3:::dst", "MetadataDirective": "COPY"}},
        Report={
            "Bucket": "arn:aws:s3:::reports",
            "Format": "Report_CSV_20180820",
            "Enabled": True,
            "Prefix": "bops",
            "ReportScope": "AllTasks",
        },
        ClientRequestToken=token,
        Manifest={
            "Spec": {"Format": "S3BatchOperations_CSV_20180820", "Fields": ["Bucket", "Key"]},
            "Location": {"ObjectArn": "arn:aws:s3:::manifests/logs.csv", "ETag": etag},
        },
        Description=description,
        Priority=priority,
        RoleArn=ROLE,
    )
    if tags is not None:
        request["Tags"] = tags
    return request


def wait_for(control, job_id, statuses, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        job = control.describe_job(AccountId=ACCOUNT, JobId=job_id)["Job"]
        if job["Status"] in statuses:
            return job
        time.sleep(0.1)
    check(False, f"job {job_id} did not reach {statuses} within {timeout}s (last: {job['Status']})")


def main():
    s3, control = clients()

    step("S3: create buckets, one with Object Lock")
    for bucket in ["src", "dst", "manifests", "reports"]:
        s3.create_bucket(Bucket=bucket)
    s3.create_bucket(Bucket="locked", ObjectLockEnabledForBucket=True)
    lock = s3.get_object_lock_configuration(Bucket="locked")["ObjectLockConfiguration"]
    check(lock.get("ObjectLockEnabled") == "Enabled", f"object lock configuration: {lock}")
    expect_error("ObjectLockConfigurationNotFoundError", 404, s3.get_object_lock_configuration, Bucket="src")
    names = sorted(b["Name"] for b in s3.list_buckets()["Buckets"])
    check(names == ["dst", "locked", "manifests", "reports", "src"], f"list_buckets: {names}")

    step("S3: versioning and replication")
    check("Status" not in s3.get_bucket_versioning(Bucket="src"), "fresh bucket has a versioning status")
    s3.put_bucket_versioning(Bucket="src", VersioningConfiguration={"Status": "Enabled"})
    check(s3.get_bucket_versioning(Bucket="src").get("Status") == "Enabled", "versioning not enabled")
    rule = {
        "ID": "all",
        "Priority": 1,
        "Status": "Enabled",
        "Filter": {"Prefix": "logs/"},
        "Destination": {"Bucket": "arn:aws:s3:::dst", "StorageClass": "STANDARD_IA"},
        "DeleteMarkerReplication": {"Status": "Disabled"},
    }
    s3.put_bucket_replication(Bucket="src", ReplicationConfiguration={"Role": ROLE, "Rules": [rule]})
    got = s3.get_bucket_replication(Bucket="src")["ReplicationConfiguration"]
    check(got["Role"] == ROLE and got["Rules"] == [rule], f"replication round trip: {got}")
    expect_error("ReplicationConfigurationNotFoundError", 404, s3.get_bucket_replication, Bucket="dst")

    step("S3: put, head, get, list objects")
    keys = [f"logs/{i:02d}.txt" for i in range(5)] + ["logs/a b+c.txt"]
    for key in keys:
        s3.put_object(Bucket="src", Key=key, Body=f"body of {key}".encode(), ContentType="text/plain",
                      Metadata={"source": "lifecycle"})
    head = s3.head_object(Bucket="src", Key="logs/00.txt")
    check(head["ContentLength"] == len(b"body of logs/00.txt"), f"head content length: {head['ContentLength']}")
    check(head["ContentType"] == "text/plain", f"head content type: {head['ContentType']}")
    check(head["Metadata"] == {"source": "lifecycle"}, f"head metadata: {head['Metadata']}")
    check(head.get("VersionId"), "versioned bucket answered no version id")
    body = s3.get_object(Bucket="src", Key="logs/a b+c.txt")["Body"].read()
    check(body == b"body of logs/a b+c.txt", f"get_object body: {body!r}")
    expect_error("NoSuchKey", 404, s3.get_object, Bucket="src", Key="missing")
    expect_error("NoSuchBucket", 404, s3.list_objects_v2, Bucket="nope")
    listed, token = [], None
    while True:
        page = s3.list_objects_v2(Bucket="src", Prefix="logs/", MaxKeys=2, **({"ContinuationToken": token} if token else {}))
        listed += [o["Key"] for o in page.get("Contents", [])]
        if not page["IsTruncated"]:
            break
        token = page["NextContinuationToken"]
    check(listed == sorted(keys), f"list_objects_v2 pages: {listed}")

    step("S3: stage the CSV manifest")
    manifest = "".join(f"src,{urllib.parse.quote(k)}\n" for k in keys)
    etag = s3.put_object(Bucket="manifests", Key="logs.csv", Body=manifest.encode())["ETag"]

    step("create_job with ConfirmationRequired=True; describe_job shows Suspended")
    token = str(uuid.uuid4())
    first = control.create_job(**job_request(s3, token, etag, tags=[{"Key": "spec", "Value": "logs"}]))
    job_id = first["JobId"]
    job = wait_for(control, job_id, {"Suspended"}, timeout=10)
    check(job["Priority"] == 10 and job["ConfirmationRequired"] is True, f"describe_job: {job}")
    check(job["ProgressSummary"]["TotalNumberOfTasks"] == len(keys), f"task count: {job['ProgressSummary']}")
    check(job["Manifest"]["Location"]["ETag"] == etag, f"manifest etag: {job['Manifest']}")
    check(job["Operation"]["S3PutObjectCopy"]["TargetResource"] == "arn:aws:s3:::dst", "operation round trip")
    check(job["JobArn"].endswith(f":{ACCOUNT}:job/{job_id}"), f"job arn: {job['JobArn']}")

    step("idempotency: the same request and token answer the same job; a different one is refused")
    again = control.create_job(**job_request(s3, token, etag, tags=[{"Key": "spec", "Value": "logs"}]))
    check(again["JobId"] == job_id, f"repeated create_job made {again['JobId']}, not {job_id}")
    expect_error("IdempotencyException", 400, control.create_job,
                 **job_request(s3, token, etag, priority=11, tags=[{"Key": "spec", "Value": "logs"}]))

    step("update_job_status Ready, then the job completes")
    ready = control.update_job_status(AccountId=ACCOUNT, JobId=job_id, RequestedJobStatus="Ready",
                                      StatusUpdateReason="confirmed by test")
    check(ready["JobId"] == job_id and ready["Status"] in ("Ready", "Active"), f"update_job_status: {ready}")
    job = wait_for(control, job_id, {"Complete", "Failed"})
    check(job["Status"] == "Complete", f"job ended {job['Status']}: {job.get('FailureReasons')}")
    summary = job["ProgressSummary"]
    check(summary["NumberOfTasksSucceeded"] == len(keys) and summary["NumberOfTasksFailed"] == 0, f"{summary}")
    copied = s3.get_object(Bucket="dst", Key="logs/a b+c.txt")["Body"].read()
    check(copied == b"body of logs/a b+c.txt", f"copied object: {copied!r}")
    reports = s3.list_objects_v2(Bucket="reports", Prefix="bops/").get("Contents", [])
    check(any(o["Key"].endswith(".csv") for o in reports), f"no report CSV under reports/bops/: {reports}")

    step("JobStatusException for a transition AWS refuses")
    expect_error("JobStatusException", 400, control.update_job_status, AccountId=ACCOUNT, JobId=job_id,
                 RequestedJobStatus="Ready")
    expect_error("JobStatusException", 400, control.update_job_priority, AccountId=ACCOUNT, JobId=job_id,
                 Priority=5)

    step("more jobs; update_job_priority on a waiting job")
    waiting = control.create_job(**job_request(s3, str(uuid.uuid4()), etag, priority=3, description="waiting"))["JobId"]
    wait_for(control, waiting, {"Suspended"}, timeout=10)
    answer = control.update_job_priority(AccountId=ACCOUNT, JobId=waiting, Priority=99)
    check(answer["JobId"] == waiting and answer["Priority"] == 99, f"update_job_priority: {answer}")
    check(control.describe_job(AccountId=ACCOUNT, JobId=waiting)["Job"]["Priority"] == 99, "priority not stored")
    cancelled = control.create_job(**job_request(s3, str(uuid.uuid4()), etag, description="to cancel"))["JobId"]
    wait_for(control, cancelled, {"Suspended"}, timeout=10)
    answer = control.update_job_status(AccountId=ACCOUNT, JobId=cancelled, RequestedJobStatus="Cancelled")
    check(answer["Status"] == "Cancelled", f"cancel a suspended job: {answer}")
    expect_error("JobStatusException", 400, control.update_job_status, AccountId=ACCOUNT, JobId=cancelled,
                 RequestedJobStatus="Ready")

    step("list_jobs: status filter and pagination with MaxResults=1")
    everything = {job_id, waiting, cancelled}
    complete = control.list_jobs(AccountId=ACCOUNT, JobStatuses=["Complete"])["Jobs"]
    check([j["JobId"] for j in complete] == [job_id], f"Complete filter: {complete}")
    check(complete[0]["Operation"] == "S3PutObjectCopy", f"list row operation: {complete[0]}")
    two = control.list_jobs(AccountId=ACCOUNT, JobStatuses=["Suspended", "Cancelled"])["Jobs"]
    check({j["JobId"] for j in two} == {waiting, cancelled}, f"Suspended+Cancelled filter: {two}")
    seen, next_token, pages = [], None, 0
    while True:
        kwargs = {"AccountId": ACCOUNT, "MaxResults": 1}
        if next_token:
            kwargs["NextToken"] = next_token
        page = control.list_jobs(**kwargs)
        pages += 1
        check(len(page["Jobs"]) <= 1, f"MaxResults=1 answered {len(page['Jobs'])} jobs")
        seen += [j["JobId"] for j in page["Jobs"]]
        next_token = page.get("NextToken")
        if not next_token:
            break
    check(sorted(seen) == sorted(everything) and pages == 3, f"paginated list: {seen} in {pages} pages")
    newest_first = [j["JobId"] for j in control.list_jobs(AccountId=ACCOUNT)["Jobs"]]
    check(seen == newest_first, f"pages {seen} differ from the unpaginated list {newest_first}")
    expect_error("InvalidNextTokenException", 400, control.list_jobs, AccountId=ACCOUNT, NextToken="bogus-token")

    step("put/get/delete_job_tagging")
    check(control.get_job_tagging(AccountId=ACCOUNT, JobId=job_id)["Tags"] == [{"Key": "spec", "Value": "logs"}],
          "tags from create_job")
    tags = [{"Key": "team", "Value": "storage"}, {"Key": "cost-center", "Value": "42"}]
    control.put_job_tagging(AccountId=ACCOUNT, JobId=waiting, Tags=tags)
    got = control.get_job_tagging(AccountId=ACCOUNT, JobId=waiting)["Tags"]
    check(got == tags, f"get_job_tagging: {got}")
    control.delete_job_tagging(AccountId=ACCOUNT, JobId=waiting)
    check(control.get_job_tagging(AccountId=ACCOUNT, JobId=waiting)["Tags"] == [], "tags left after delete")

    step("NoSuchJob for an unknown job")
    expect_error("NoSuchJob", 404, control.describe_job, AccountId=ACCOUNT, JobId="00000000-0000-0000-0000-000000000000")
    expect_error("NoSuchJob", 404, control.get_job_tagging, AccountId=ACCOUNT, JobId="00000000-0000-0000-0000-000000000000")
    expect_error("NoSuchJob", 404, control.describe_job, AccountId="210987654321", JobId=job_id)

    step("BadRequestException for an invalid request")
    bad = job_request(s3, str(uuid.uuid4()), etag)
    bad["RoleArn"] = "not-an-arn"
    expect_error("BadRequestException", 400, control.create_job, **bad)

    step("signatures: a wrong secret and an unknown key are refused")
    bad_s3, bad_control = clients(secret="wrong-secret")
    expect_error("SignatureDoesNotMatch", 403, bad_control.list_jobs, AccountId=ACCOUNT)
    expect_error("SignatureDoesNotMatch", 403, bad_s3.list_buckets)
    _, stranger = clients(key="AKIDUNKNOWN000000000", secret="whatever")
    expect_error("InvalidAccessKeyId", 403, stranger.list_jobs, AccountId=ACCOUNT)

    step("the proxy recipe: no hook, the emulator as HTTP proxy resolves {AccountId}.127.0.0.1")
    session = boto3.session.Session(region_name=REGION)
    proxied = session.client(
        "s3control", endpoint_url=URL, config=Config(proxies={"http": URL}, retries={"max_attempts": 1}))
    rows = proxied.list_jobs(AccountId=ACCOUNT, JobStatuses=["Complete"])["Jobs"]
    check([j["JobId"] for j in rows] == [job_id], f"list_jobs through the proxy: {rows}")

    print(f"OK: {len(STEPS)} steps", flush=True)


if __name__ == "__main__":
    main()
