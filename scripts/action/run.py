#!/usr/bin/env python3
"""The logic of the bops GitHub Action (action.yml), in three steps:

  run.py check     the inputs are valid (fails at once, naming the input); resolves the version
  run.py install   puts the bops binary on PATH: the release tarball (sha256-checked, kept in a folder
                   that actions/cache saves by version) or, with version `source`, a build of this checkout
  run.py run       validate | plan | apply in the working directory

Inputs arrive as INPUT_* environment variables (INPUT_COMMAND, INPUT_VERSION, INPUT_WORKING_DIRECTORY,
INPUT_COMMENT, INPUT_PLAN_FILE, INPUT_GITHUB_TOKEN); GitHub's own variables are read as the runner sets
them (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_PATH, GITHUB_EVENT_PATH, GITHUB_API_URL,
GITHUB_REPOSITORY). Only the standard library is used: python3 is on every runner.
"""

import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request

COMMANDS = ("validate", "plan", "apply")
# GitHub refuses an issue comment body longer than 65,536 characters.
COMMENT_LIMIT = 65536
# A plan that needs more comments than this is refused rather than spread over the pull request.
MAX_PARTS = int(os.environ.get("BOPS_MAX_COMMENT_PARTS", "10"))
MARKER = "<!-- bops-plan:{key} part {part} of {parts} -->"
MARKER_RE = re.compile(r"<!-- bops-plan:(?P<key>\S+) part (?P<part>\d+) of (?P<parts>\d+) -->")
ACTION_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class ActionError(Exception):
    """A failure to report as one workflow error annotation."""


def error(message, title="bops action"):
    text = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    print(f"::error title={title}::{text}", flush=True)


def notice(message):
    print(f"::notice title=bops action::{message}", flush=True)


def warning(message):
    print(f"::warning title=bops action::{message}", flush=True)


def env(name, default=""):
    value = os.environ.get(name)
    return default if value is None else value


def set_output(name, value):
    path = env("GITHUB_OUTPUT")
    if not path:
        print(f"{name}={value}")
        return
    with open(path, "a", encoding="utf-8") as out:
        out.write(f"{name}={value}\n")


def append_summary(text):
    path = env("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(text if text.endswith("\n") else text + "\n")


# --- inputs -------------------------------------------------------------------------------------


def source_version():
    """The version compiled into the bops of this checkout (Sources/bops/Bops.swift)."""
    with open(os.path.join(ACTION_ROOT, "Sources/bops/Bops.swift"), encoding="utf-8") as f:
        found = re.search(r'static let current = "([^"]+)"', f.read())
    if not found:
        raise ActionError("cannot read the version of this checkout from Sources/bops/Bops.swift")
    return found.group(1)


def check_inputs():
    """Every input is valid, or an error that names it. Returns the resolved settings."""
    command = env("INPUT_COMMAND").strip()
    if not command:
        raise ActionError("input 'command' is required: one of validate, plan, apply")
    if command not in COMMANDS:
        raise ActionError(f"input 'command' is '{command}': expected one of validate, plan, apply")
    comment = env("INPUT_COMMENT", "true").strip().lower() or "true"
    if comment not in ("true", "false"):
        raise ActionError(f"input 'comment' is '{env('INPUT_COMMENT')}': expected true or false")
    directory = env("INPUT_WORKING_DIRECTORY", ".").strip() or "."
    if not os.path.isdir(directory):
        raise ActionError(f"input 'working-directory' is '{directory}': no such folder in the workspace")
    version = env("INPUT_VERSION").strip() or source_version()
    if version != "source" and not re.fullmatch(r"v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?", version):
        raise ActionError(
            f"input 'version' is '{version}': expected a release such as 0.1.0, or 'source' to build "
            "this action's checkout")
    return {
        "command": command,
        "comment": comment == "true",
        "directory": directory,
        "version": version.lstrip("v"),
    }


def arch():
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "x64": "x86_64", "arm64": "aarch64"}.get(machine, machine)


def install_dir(version):
    base = env("RUNNER_TOOL_CACHE") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "bops", version, arch())


def plan_file():
    """The saved plan of the project in the current folder: input 'plan-file', or one in RUNNER_TEMP."""
    given = env("INPUT_PLAN_FILE").strip()
    if given:
        return os.path.abspath(given)
    key = hashlib.sha256(os.getcwd().encode()).hexdigest()[:12]
    return os.path.join(env("RUNNER_TEMP") or tempfile.gettempdir(), f"bops-{key}.plan")


# --- install ------------------------------------------------------------------------------------


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=120) as answer:
            return answer.read()
    except urllib.error.HTTPError as e:
        raise ActionError(f"cannot download {url}: HTTP {e.code}") from e
    except urllib.error.URLError as e:
        raise ActionError(f"cannot download {url}: {e.reason}") from e


def install(settings):
    version = settings["version"]
    if version == "source":
        return build_from_source()
    folder = install_dir(version)
    binary = os.path.join(folder, "bops")
    if os.access(binary, os.X_OK):
        print(f"bops {version} is already installed in {folder} (cached)")
        return binary
    name = f"bops-{version}-linux-{arch()}.tar.gz"
    repository = env("BOPS_ACTION_REPOSITORY") or "bops-dev/bops"
    base = env("BOPS_RELEASES_URL") or f"{env('GITHUB_SERVER_URL', 'https://github.com')}/{repository}/releases/download"
    url = f"{base}/v{version}/{name}"
    print(f"downloading {url}")
    tarball = fetch(url)
    expected = fetch(url + ".sha256").decode().split()[0].lower()
    actual = hashlib.sha256(tarball).hexdigest()
    if actual != expected:
        raise ActionError(f"{name} has sha256 {actual}, but {name}.sha256 says {expected}: not installed")
    os.makedirs(folder, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, name)
        with open(path, "wb") as f:
            f.write(tarball)
        with tarfile.open(path) as archive:
            member = archive.getmember("bops")
            if not member.isfile():
                raise ActionError(f"{name} does not hold a file named bops")
            archive.extract(member, scratch)
        os.chmod(os.path.join(scratch, "bops"), 0o755)
        os.replace(os.path.join(scratch, "bops"), binary)
    return binary


def build_from_source():
    """`swift build -c release` of the action's own checkout, after installing libyaml and zlib."""
    if shutil.which("swift") is None:
        raise ActionError(
            "input 'version' is 'source' but no Swift toolchain is on PATH (use swift-actions/setup-swift, "
            "or a released version)")
    subprocess.run(["bash", os.path.join(ACTION_ROOT, "scripts/install-deps.sh")], check=True)
    subprocess.run(
        ["swift", "build", "-c", "release", "--product", "bops", "--package-path", ACTION_ROOT], check=True)
    out = subprocess.run(
        ["swift", "build", "-c", "release", "--product", "bops", "--package-path", ACTION_ROOT,
         "--show-bin-path"], check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(out, "bops")


# --- the pull-request comment -------------------------------------------------------------------


class GitHub:
    """The four issue-comment calls of the GitHub REST API the plan comment needs."""

    def __init__(self, api, repository, token):
        self.api = api.rstrip("/")
        self.repository = repository
        self.token = token

    def call(self, method, path, body=None):
        request = urllib.request.Request(self.api + path, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, data=data, timeout=60) as answer:
                text = answer.read()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace")[:300]
            raise GitHubError(e.code, f"{method} {path}: HTTP {e.code} {detail}") from e
        except urllib.error.URLError as e:
            raise ActionError(f"{method} {self.api}{path}: {e.reason}") from e

    def comments(self, number):
        found, page = [], 1
        while True:
            batch = self.call("GET", f"/repos/{self.repository}/issues/{number}/comments?per_page=100&page={page}")
            found.extend(batch or [])
            if not batch or len(batch) < 100:
                return found
            page += 1

    def create(self, number, body):
        return self.call("POST", f"/repos/{self.repository}/issues/{number}/comments", {"body": body})

    def update(self, comment_id, body):
        return self.call("PATCH", f"/repos/{self.repository}/issues/comments/{comment_id}", {"body": body})

    def delete(self, comment_id):
        return self.call("DELETE", f"/repos/{self.repository}/issues/comments/{comment_id}")


class GitHubError(ActionError):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def split_markdown(markdown, key, limit=COMMENT_LIMIT, max_parts=MAX_PARTS):
    """The comment bodies of a plan, each at most `limit` characters with its marker first.

    Cuts between lines; a code fence or a <details> block open at a cut is closed at the end of
    one part and opened again at the start of the next, so every part renders on its own. A plan
    that needs more than `max_parts` comments raises instead of being cut short."""
    lines = markdown.splitlines(keepends=True)
    budget = limit - 400  # room for the marker, a part heading and the closing and reopening lines
    parts, current, size = [], [], 0
    fence, details = None, 0

    def close():
        tail = []
        if fence is not None:
            tail.append("```\n")
        tail.extend(["\n</details>\n"] * details)
        return tail

    def reopen():
        head = []
        head.extend(["<details><summary>(continued)</summary>\n\n"] * details)
        if fence is not None:
            head.append(fence)
        return head

    pieces = []
    for line in lines:
        while len(line) > budget:  # a single line longer than a comment is cut
            pieces.append(line[:budget] + "\n")
            line = line[budget:]
        pieces.append(line)
    for line in pieces:
        if size + len(line) > budget and current:
            parts.append(current + close())
            current = reopen()
            size = sum(len(x) for x in current)
        current.append(line)
        size += len(line)
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = None if fence is not None else line
        elif fence is None and stripped.startswith("<details"):
            details += 1
        elif fence is None and stripped.startswith("</details>"):
            details = max(0, details - 1)
    if current:
        parts.append(current)
    total = len(parts)
    if total > max_parts:
        raise ActionError(
            f"the plan is {len(markdown)} characters: {total} comments of at most {limit} would be needed, "
            f"more than the {max_parts} the action posts. Not posting a truncated plan: split the project "
            "into several working directories, or read the plan in the step summary and the log")
    bodies = []
    for i, chunk in enumerate(parts, start=1):
        head = MARKER.format(key=key, part=i, parts=total) + "\n"
        if total > 1:
            head += f"_bops plan, part {i} of {total}_\n\n"
        body = head + "".join(chunk)
        if len(body) > limit:
            raise ActionError(f"internal error: comment part {i} is {len(body)} characters")
        bodies.append(body)
    return bodies


def comment_key(directory):
    """Names the project in the marker, so two projects of one repository keep two comments."""
    path = os.path.normpath(directory)
    return re.sub(r"[^A-Za-z0-9._/-]", "_", path).replace("/", ":") or "."


def pull_request_number():
    path = env("GITHUB_EVENT_PATH")
    if not path or not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        event = json.load(f)
    if "pull_request" in event:
        return event["pull_request"]["number"]
    if "issue" in event and "pull_request" in event["issue"]:
        return event["issue"]["number"]
    return None


def post_plan(markdown, directory):
    """Creates the plan comment, or updates the earlier one in place (found by its marker)."""
    number = pull_request_number()
    if number is None:
        notice("not a pull-request event: the plan is in the step summary, no comment posted")
        return
    key = comment_key(directory)
    bodies = split_markdown(markdown, key)
    repository = env("GITHUB_REPOSITORY")
    if not repository:
        raise ActionError("GITHUB_REPOSITORY is not set: cannot post the plan comment")
    github = GitHub(env("GITHUB_API_URL", "https://api.github.com"), repository, env("INPUT_GITHUB_TOKEN"))
    try:
        existing = {}
        for c in github.comments(number):
            found = MARKER_RE.search(c.get("body") or "")
            if found and found.group("key") == key:
                existing.setdefault(int(found.group("part")), c["id"])
        for i, body in enumerate(bodies, start=1):
            if i in existing:
                github.update(existing[i], body)
            else:
                github.create(number, body)
        for i, comment_id in sorted(existing.items()):
            if i > len(bodies):
                github.delete(comment_id)
    except GitHubError as e:
        if e.status in (403, 404):
            # A pull request from a fork gets a read-only token: the plan stays in the step summary.
            warning(f"cannot comment on pull request #{number} ({e}); the plan is in the step summary")
            return
        raise
    verb = "updated" if existing else "posted"
    print(f"{verb} the plan comment on pull request #{number} ({len(bodies)} part{'s' if len(bodies) > 1 else ''})")


# --- run ----------------------------------------------------------------------------------------


def bops_binary():
    return env("BOPS_BIN") or shutil.which("bops") or "bops"


def run_validate():
    result = subprocess.run([bops_binary(), "validate", "--format", "github"])
    set_output("exitcode", result.returncode)
    return result.returncode


def run_plan(settings):
    out = plan_file()
    os.makedirs(os.path.dirname(out), exist_ok=True)
    result = subprocess.run(
        [bops_binary(), "plan", "--detailed-exitcode", "--format", "markdown", "-out", out],
        stdout=subprocess.PIPE, text=True)
    markdown = result.stdout
    sys.stdout.write(markdown)
    set_output("exitcode", result.returncode)
    if result.returncode not in (0, 2):
        set_output("has-changes", "false")
        append_summary("### bops plan\n\nbops plan failed: the log of this step has the errors.\n")
        return 1
    set_output("has-changes", "true" if result.returncode == 2 else "false")
    set_output("plan-file", out)
    append_summary(markdown)
    if settings["comment"]:
        post_plan(markdown, settings["directory"])
    return 0


def run_apply(settings):
    saved = plan_file()
    if not os.path.exists(saved):
        raise ActionError(
            f"no saved plan at {saved}: run this action with command: plan first in the same job "
            "(or give input 'plan-file')")
    result = subprocess.run([bops_binary(), "apply", saved])
    set_output("exitcode", result.returncode)
    set_output("plan-file", saved)
    return result.returncode


def main(argv):
    step = argv[1] if len(argv) > 1 else ""
    try:
        settings = check_inputs()
        if step == "check":
            set_output("version", settings["version"])
            set_output("install-dir", install_dir(settings["version"]))
            return 0
        if step == "install":
            binary = install(settings)
            folder = os.path.dirname(binary)
            path_file = env("GITHUB_PATH")
            if path_file:
                with open(path_file, "a", encoding="utf-8") as f:
                    f.write(folder + "\n")
            set_output("bops-path", binary)
            subprocess.run([binary, "--version"], check=True)
            return 0
        if step == "run":
            os.chdir(settings["directory"])
            settings["directory"] = os.path.relpath(os.getcwd(), env("GITHUB_WORKSPACE") or os.getcwd())
            if settings["command"] == "validate":
                return run_validate()
            if settings["command"] == "plan":
                return run_plan(settings)
            return run_apply(settings)
        raise ActionError(f"unknown step '{step}': expected check, install or run")
    except ActionError as e:
        error(str(e))
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
