#!/usr/bin/env python3
"""Golden SigV4 signatures from botocore, for BopsSigV4Tests.

For a fixed table of S3 Control and S3 calls, builds each request with a real botocore client,
signs it at a fixed time with fixed credentials, and prints JSON on stdout: one row per call
with the request exactly as botocore had it just before signing (method, URL, headers, body)
and the headers it added while signing (Authorization, X-Amz-Date, X-Amz-Content-SHA256,
X-Amz-Security-Token), plus botocore's canonical request for diagnosis. Nothing is sent: the
capture aborts each call right after signing.

Exit status 3 with a message on stderr when botocore is not installed.
"""

import base64
import datetime
import json
import sys

try:
    import botocore
    import botocore.auth
    import botocore.session
    from botocore.config import Config
except ImportError:
    sys.stderr.write("botocore is not installed (pip install botocore)\n")
    sys.exit(3)

FIXED_TIME = datetime.datetime(2026, 3, 14, 15, 9, 26)
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+/=="
ACCOUNT = "123456789012"
REGION = "us-west-2"

MANIFEST_CSV = "bops-manifests,a b/ünï+c~d.txt\n".encode("utf-8")

CALLS = [
    (
        "s3control.CreateJob",
        "s3control",
        "create_job",
        {
            "AccountId": ACCOUNT,
            "ConfirmationRequired": False,
            "Operation": {
                "S3PutObjectTagging": {"TagSet": [{"Key": "team", "Value": "data platform"}]}
            },
            "Report": {
                "Bucket": "arn:aws:s3:::bops-reports",
                "Format": "Report_CSV_20180820",
                "Enabled": True,
                "Prefix": "reports/tag-all",
                "ReportScope": "AllTasks",
            },
            "ClientRequestToken": "6f1c2e9a-bops-tag-all-0001",
            "Manifest": {
                "Spec": {"Format": "S3BatchOperations_CSV_20180820", "Fields": ["Bucket", "Key"]},
                "Location": {
                    "ObjectArn": "arn:aws:s3:::bops-manifests/manifests/tag-all.csv",
                    "ETag": "\"0123456789abcdef0123456789abcdef\"",
                },
            },
            "Description": "tag all objects — ünïcode & <xml>",
            "Priority": 10,
            "RoleArn": "arn:aws:iam::123456789012:role/bops-batch",
            "Tags": [{"Key": "managed-by", "Value": "bops"}],
        },
    ),
    (
        "s3control.DescribeJob",
        "s3control",
        "describe_job",
        {"AccountId": ACCOUNT, "JobId": "00e123a4-c0d8-41f4-a0eb-b46f9ba5b07c"},
    ),
    (
        "s3control.ListJobs",
        "s3control",
        "list_jobs",
        {"AccountId": ACCOUNT, "JobStatuses": ["Active", "Complete"], "MaxResults": 20},
    ),
    (
        "s3control.UpdateJobStatus",
        "s3control",
        "update_job_status",
        {
            "AccountId": ACCOUNT,
            "JobId": "00e123a4-c0d8-41f4-a0eb-b46f9ba5b07c",
            "RequestedJobStatus": "Cancelled",
            "StatusUpdateReason": "plan said so / 100% sure",
        },
    ),
    (
        "s3.PutObject",
        "s3",
        "put_object",
        {"Bucket": "bops-manifests", "Key": "manifests/a b/ünï+c~d (1).csv", "Body": MANIFEST_CSV},
    ),
    (
        "s3.ListObjectsV2",
        "s3",
        "list_objects_v2",
        {"Bucket": "bops-manifests", "Prefix": "a b"},
    ),
    (
        "s3.HeadObject",
        "s3",
        "head_object",
        {"Bucket": "bops-manifests", "Key": "reports/job-1/manifest.json"},
    ),
]


class Captured(Exception):
    """Raised right after signing to stop botocore before it sends anything."""


def fixed_time():
    return FIXED_TIME


def capture_rows():
    rows = []
    current = {}
    original_add_auth = botocore.auth.S3SigV4Auth.add_auth
    original_canonical = botocore.auth.SigV4Auth.canonical_request

    def canonical_request(self, request):
        text = original_canonical(self, request)
        current["canonical_request"] = text
        return text

    def add_auth(self, request):
        body = request.body or b""
        if type(body).__name__ == "AwsChunkedWrapper":
            raise SystemExit("aws-chunked bodies are outside this table")
        if hasattr(body, "read"):
            position = body.tell()
            content = body.read()
            body.seek(position)
            body = content
        if isinstance(body, str):
            body = body.encode("utf-8")
        before = [[k, v] for k, v in request.headers.items()]
        original_add_auth(self, request)
        before_names = {k.lower() for k, _ in before}
        added = [[k, v] for k, v in request.headers.items() if k.lower() not in before_names]
        current.update(
            {
                "signer": type(self).__name__,
                "signing_name": self._service_name,
                "signing_region": self._region_name,
                "method": request.method,
                "url": request.url,
                "headers": before,
                "body_base64": base64.b64encode(body).decode("ascii"),
                "added_headers": added,
                "authorization": request.headers["Authorization"],
            }
        )
        raise Captured()

    botocore.auth.get_current_datetime = fixed_time
    botocore.auth.S3SigV4Auth.add_auth = add_auth
    botocore.auth.SigV4Auth.canonical_request = canonical_request

    session = botocore.session.get_session()
    # bops sends whole bodies signed with their SHA-256, never aws-chunked trailers, so ask
    # botocore for the same: checksums only where an operation requires one.
    config = Config(
        retries={"max_attempts": 1, "mode": "standard"},
        request_checksum_calculation="when_required",
    )
    for token in (None, SESSION_TOKEN):
        for name, service, method, params in CALLS:
            client = session.create_client(
                service,
                region_name=REGION,
                aws_access_key_id=ACCESS_KEY,
                aws_secret_access_key=SECRET_KEY,
                aws_session_token=token,
                config=config,
            )
            current.clear()
            try:
                getattr(client, method)(**params)
            except Captured:
                pass
            if "authorization" not in current:
                raise SystemExit(f"{name}: botocore did not sign with S3SigV4Auth")
            row = dict(current)
            row["name"] = name + (" +token" if token else "")
            row["credentials"] = {
                "access_key_id": ACCESS_KEY,
                "secret_access_key": SECRET_KEY,
                "session_token": token,
            }
            row["time"] = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
            rows.append(row)
    return rows


def main():
    rows = capture_rows()
    json.dump({"botocore": botocore.__version__, "rows": rows}, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
