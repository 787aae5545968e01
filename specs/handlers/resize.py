#!/usr/bin/env python3
"""An S3 Batch Operations Lambda handler, runnable by bops without AWS.

bops (local engine or `bops emulator`) runs it once per task: the invocation event (schema 1.0 or
2.0) on standard input, the response on standard output. On AWS the same `handle` is the Lambda
entry point (`lambda_handler`). Standard library only.

It plans a thumbnail of each JPEG at the width of the job's `size` user argument: an object that is
not a JPEG fails permanently, one that is being written (key ending in .part) is retried.
"""
import json
import sys
import urllib.parse


def handle(event):
    user_arguments = event["job"].get("userArguments") or {}
    size = int(user_arguments.get("size", "320"))
    results = []
    for task in event["tasks"]:
        key = urllib.parse.unquote_plus(task["s3Key"])
        bucket = task.get("s3Bucket") or task["s3BucketArn"].split(":::")[-1]
        if key.endswith(".part"):
            code, text = "TemporaryFailure", "still uploading: " + key
        elif not key.lower().endswith((".jpg", ".jpeg")):
            code, text = "PermanentFailure", "not a JPEG: " + key
        else:
            target = "thumbnails/%d/%s" % (size, key)
            code, text = "Succeeded", "s3://%s/%s -> s3://%s/%s (%dpx)" % (bucket, key, bucket, target, size)
        results.append({"taskId": task["taskId"], "resultCode": code, "resultString": text})
    return {
        "invocationSchemaVersion": event["invocationSchemaVersion"],
        "treatMissingKeysAs": "PermanentFailure",
        "invocationId": event["invocationId"],
        "results": results,
    }


def lambda_handler(event, context):
    return handle(event)


if __name__ == "__main__":
    json.dump(handle(json.load(sys.stdin)), sys.stdout)
