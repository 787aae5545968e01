"""boto3's S3 helpers against the bops emulator, as a user would run them.

Environment: BOPS_EMULATOR_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, BOPS_SIZES_MIB (the
sizes of the upload_file/download_file round trips, comma-separated; default "20,100"),
BOPS_WORK_DIR (a scratch folder). Exits 0 when every step answered as S3 would, 1 with a message
on the first mismatch, 77 when boto3 is not installed. Prints one "FIGURE:" line per transfer.
"""

import base64
import email.utils
import hashlib
import os
import sys
import time

try:
    import boto3
    from boto3.s3.transfer import TransferConfig
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError:
    print("SKIP: boto3 is not installed (pip install boto3)")
    sys.exit(77)

URL = os.environ["BOPS_EMULATOR_URL"]
WORK = os.environ["BOPS_WORK_DIR"]
SIZES = [int(s) for s in os.environ.get("BOPS_SIZES_MIB", "20,100").split(",") if s]
STEPS = []


def step(name):
    STEPS.append(name)
    print(f"- {name}", flush=True)


def check(condition, message):
    if not condition:
        print(f"MISMATCH in step '{STEPS[-1] if STEPS else '?'}': {message}", flush=True)
        sys.exit(1)


def expect_error(code, status, call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as error:
        got = error.response["Error"]["Code"]
        got_status = error.response["ResponseMetadata"]["HTTPStatusCode"]
        check(got == code, f"expected error {code}, got {got}: {error}")
        check(got_status == status, f"expected HTTP {status} for {code}, got {got_status}")
        return error
    check(False, f"expected error {code}, the call succeeded")


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


session = boto3.session.Session(region_name="us-east-1")
config = Config(retries={"max_attempts": 1, "mode": "standard"})
s3 = session.client("s3", endpoint_url=URL, config=config)
resource = session.resource("s3", endpoint_url=URL, config=config)

step("create bucket")
s3.create_bucket(Bucket="sdk")
s3.create_bucket(Bucket="sdk")  # your own bucket again: 200 in us-east-1

for mib in SIZES:
    step(f"upload_file and download_file of {mib} MiB")
    source = os.path.join(WORK, f"source-{mib}")
    with open(source, "wb") as f:
        for i in range(mib):
            f.write(hashlib.sha256(str(i).encode()).digest() * (1 << 15))
    start = time.monotonic()
    s3.upload_file(source, "sdk", f"big/{mib}", Config=TransferConfig(multipart_threshold=8 << 20))
    uploaded = time.monotonic() - start
    head = s3.head_object(Bucket="sdk", Key=f"big/{mib}", ChecksumMode="ENABLED")
    parts = -(-mib // 8)
    check(head["ETag"].endswith(f'-{parts}"'), f"multipart ETag with {parts} parts: {head['ETag']}")
    check(head["ContentLength"] == mib << 20, f"size {head['ContentLength']}")
    target = os.path.join(WORK, f"target-{mib}")
    start = time.monotonic()
    s3.download_file("sdk", f"big/{mib}", target)
    downloaded = time.monotonic() - start
    same = sha256_file(source) == sha256_file(target)
    check(same, f"download_file of {mib} MiB differs from its source")
    check(os.path.getsize(target) == mib << 20, f"downloaded {os.path.getsize(target)} bytes")
    print(
        f"FIGURE: {mib} MiB upload_file {uploaded:.2f}s download_file {downloaded:.2f}s sha256 equal={same}",
        flush=True,
    )
    os.remove(source)
    os.remove(target)
    part = s3.get_object(Bucket="sdk", Key=f"big/{mib}", PartNumber=2)
    check(part["ContentLength"] == 8 << 20, f"part 2 is 8 MiB: {part['ContentLength']}")
    check(part["PartsCount"] == parts, f"PartsCount {part.get('PartsCount')}")

step("multipart upload by hand: ListParts, ListMultipartUploads, UploadPartCopy, Abort")
s3.put_object(Bucket="sdk", Key="small", Body=b"0123456789")
upload = s3.create_multipart_upload(Bucket="sdk", Key="joined", ChecksumAlgorithm="SHA256")
expect_error(
    "InvalidRequest", 400, s3.upload_part, Bucket="sdk", Key="joined", UploadId=upload["UploadId"], PartNumber=1,
    Body=b"a", ChecksumAlgorithm="CRC32",
)
first = s3.upload_part(
    Bucket="sdk", Key="joined", UploadId=upload["UploadId"], PartNumber=1, Body=b"a" * (5 << 20),
    ChecksumAlgorithm="SHA256",
)
check(first["ChecksumSHA256"] == base64.b64encode(hashlib.sha256(b"a" * (5 << 20)).digest()).decode(), "part sha256")
second = s3.upload_part_copy(
    Bucket="sdk", Key="joined", UploadId=upload["UploadId"], PartNumber=2,
    CopySource={"Bucket": "sdk", "Key": "small"}, CopySourceRange="bytes=2-5",
)
listed = s3.list_parts(Bucket="sdk", Key="joined", UploadId=upload["UploadId"])
check([p["PartNumber"] for p in listed["Parts"]] == [1, 2], f"parts {listed['Parts']}")
uploads = s3.list_multipart_uploads(Bucket="sdk")["Uploads"]
check([u["UploadId"] for u in uploads] == [upload["UploadId"]], f"uploads {uploads}")
expect_error(
    "InvalidPart", 400, s3.complete_multipart_upload, Bucket="sdk", Key="joined", UploadId=upload["UploadId"],
    MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": '"00000000000000000000000000000000"'}]},
)
expect_error(
    "InvalidPartOrder", 400, s3.complete_multipart_upload, Bucket="sdk", Key="joined",
    UploadId=upload["UploadId"],
    MultipartUpload={"Parts": [
        {"PartNumber": 2, "ETag": second["CopyPartResult"]["ETag"]},
        {"PartNumber": 1, "ETag": first["ETag"]},
    ]},
)
done = s3.complete_multipart_upload(
    Bucket="sdk", Key="joined", UploadId=upload["UploadId"],
    MultipartUpload={"Parts": [
        {"PartNumber": 1, "ETag": first["ETag"]},
        {"PartNumber": 2, "ETag": second["CopyPartResult"]["ETag"]},
    ]},
)
md5s = hashlib.md5(b"a" * (5 << 20)).digest() + hashlib.md5(b"2345").digest()
check(done["ETag"] == f'"{hashlib.md5(md5s).hexdigest()}-2"', f"ETag {done['ETag']}")
body = s3.get_object(Bucket="sdk", Key="joined")["Body"].read()
check(body == b"a" * (5 << 20) + b"2345", "joined body")
check(s3.list_multipart_uploads(Bucket="sdk").get("Uploads", []) == [], "completed uploads are gone")
aborted = s3.create_multipart_upload(Bucket="sdk", Key="abandoned")
s3.abort_multipart_upload(Bucket="sdk", Key="abandoned", UploadId=aborted["UploadId"])
expect_error("NoSuchUpload", 404, s3.list_parts, Bucket="sdk", Key="abandoned", UploadId=aborted["UploadId"])

step("get_object with Range, conditions and checksum validation")
ranged = s3.get_object(Bucket="sdk", Key="small", Range="bytes=-4")
check(ranged["Body"].read() == b"6789", "suffix range")
check(ranged["ContentRange"] == "bytes 6-9/10", ranged.get("ContentRange"))
expect_error("InvalidRange", 416, s3.get_object, Bucket="sdk", Key="small", Range="bytes=10-")
etag = s3.head_object(Bucket="sdk", Key="small")["ETag"]
expect_error("PreconditionFailed", 412, s3.get_object, Bucket="sdk", Key="small", IfMatch='"nope"')
expect_error("304", 304, s3.head_object, Bucket="sdk", Key="small", IfNoneMatch=etag)
checked = s3.get_object(Bucket="sdk", Key="small", ChecksumMode="ENABLED")
check(checked.get("ChecksumCRC32"), f"boto3 sent a CRC32 on put_object: {checked}")
check(checked["Body"].read() == b"0123456789", "validated body")
check(
    "ChecksumCRC32" not in s3.head_object(Bucket="sdk", Key="small"),
    "no checksum without ChecksumMode",
)
expect_error("BadDigest", 400, s3.put_object, Bucket="sdk", Key="bad", Body=b"x", ChecksumSHA256="A" * 43 + "=")

step("copy_object: directives, storage class, conditions")
s3.put_object(
    Bucket="sdk", Key="orig", Body=b"copy me", ContentType="text/plain", Metadata={"team": "a"}, Tagging="t=1"
)
s3.copy_object(Bucket="sdk", Key="copied", CopySource={"Bucket": "sdk", "Key": "orig"})
copied = s3.head_object(Bucket="sdk", Key="copied")
check(copied["ContentType"] == "text/plain" and copied["Metadata"] == {"team": "a"}, f"COPY: {copied}")
s3.copy_object(
    Bucket="sdk", Key="replaced", CopySource="sdk/orig", MetadataDirective="REPLACE", ContentType="text/csv",
    Metadata={"team": "b"}, TaggingDirective="REPLACE", Tagging="t=2", StorageClass="STANDARD_IA",
)
replaced = s3.head_object(Bucket="sdk", Key="replaced")
check(replaced["Metadata"] == {"team": "b"} and replaced["ContentType"] == "text/csv", f"REPLACE: {replaced}")
check(replaced.get("StorageClass") == "STANDARD_IA", f"storage class {replaced.get('StorageClass')}")
tags = s3.get_object_tagging(Bucket="sdk", Key="replaced")["TagSet"]
check(tags == [{"Key": "t", "Value": "2"}], f"tags {tags}")
check(s3.get_object(Bucket="sdk", Key="replaced")["Body"].read() == b"copy me", "copied body")
expect_error(
    "PreconditionFailed", 412, s3.copy_object, Bucket="sdk", Key="c2", CopySource="sdk/orig",
    CopySourceIfMatch='"nope"',
)
expect_error("InvalidRequest", 400, s3.copy_object, Bucket="sdk", Key="orig", CopySource="sdk/orig")

step("versioning: delete markers, list_object_versions, delete_objects")
s3.create_bucket(Bucket="versioned")
s3.put_bucket_versioning(Bucket="versioned", VersioningConfiguration={"Status": "Enabled"})
v1 = s3.put_object(Bucket="versioned", Key="k", Body=b"one")["VersionId"]
s3.put_object(Bucket="versioned", Key="k", Body=b"two")
marker = s3.delete_object(Bucket="versioned", Key="k")
check(marker["DeleteMarker"] is True, f"delete marker: {marker}")
expect_error("NoSuchKey", 404, s3.get_object, Bucket="versioned", Key="k")
check(s3.get_object(Bucket="versioned", Key="k", VersionId=v1)["Body"].read() == b"one", "old version")
versions = s3.list_object_versions(Bucket="versioned")
check(len(versions["Versions"]) == 2 and len(versions["DeleteMarkers"]) == 1, f"versions {versions}")
check(versions["DeleteMarkers"][0]["IsLatest"] is True, "the marker is latest")
pages = list(s3.get_paginator("list_object_versions").paginate(Bucket="versioned", MaxKeys=1))
check(sum(len(p.get("Versions", [])) + len(p.get("DeleteMarkers", [])) for p in pages) == 3, "version pages")
objects = [{"Key": v["Key"], "VersionId": v["VersionId"]} for v in versions["Versions"] + versions["DeleteMarkers"]]
deleted = s3.delete_objects(Bucket="versioned", Delete={"Objects": objects})
check(len(deleted["Deleted"]) == 3 and not deleted.get("Errors"), f"delete_objects {deleted}")
check(s3.list_object_versions(Bucket="versioned").get("Versions", []) == [], "every version deleted")
s3.delete_bucket(Bucket="versioned")
expect_error("404", 404, s3.head_bucket, Bucket="versioned")

step("bucket.objects.all() (ListObjects v1) and delete_objects in batches")
for i in range(25):
    s3.put_object(Bucket="sdk", Key=f"many/{i:02d}", Body=b"x")
keys = [o.key for o in resource.Bucket("sdk").objects.filter(Prefix="many/").page_size(10)]
check(keys == [f"many/{i:02d}" for i in range(25)], f"v1 keys {keys}")
resource.Bucket("sdk").objects.filter(Prefix="many/").delete()
check(list(resource.Bucket("sdk").objects.filter(Prefix="many/")) == [], "deleted by the collection")
expect_error("BucketNotEmpty", 409, s3.delete_bucket, Bucket="sdk")

step("SigV4 dated by the Date header")
dated = session.client("s3", endpoint_url=URL, config=config)


def set_date(request, **kwargs):
    request.headers["Date"] = email.utils.formatdate(usegmt=True)


dated.meta.events.register("before-sign.s3.*", set_date)
seen = {}
dated.meta.events.register("before-send.s3.*", lambda request, **kw: seen.update(request.headers))
check(dated.head_object(Bucket="sdk", Key="small")["ContentLength"] == 10, "Date-signed HeadObject")
check("X-Amz-Date" not in seen and "Date" in seen, f"signed with Date only: {sorted(seen)}")

print("OK: every step answered as S3 would", flush=True)
