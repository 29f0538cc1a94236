#!/usr/bin/env python3
# Checks Linkbench's Flatpak manifests (JSON) for what `flatpak-builder --show-manifest`
# cannot see offline:
#   - the app ID is the file name (io.github.linkbench.Linkbench[.Devel].json), and only a
#     .Devel manifest builds the app with -Ddevelopment=true;
#   - the runtime is org.gnome.Platform/org.gnome.Sdk at a numbered branch, 47 or newer;
#   - finish-args stay within the sandbox holes the app needs (no talk-name for secrets:
#     libsecret uses the Secret portal);
#   - every archive or file source carries a 64-hex sha256 (and a git source a commit), so
#     a build always gets the bytes that were reviewed;
#   - every module names a build system flatpak-builder knows;
#   - the app is configured with the ODBC driver where the freetds module installs it.
# Usage: check-flatpak-manifest.py MANIFEST...        (exit 1 on any problem)
#        check-flatpak-manifest.py --self-test MANIFEST   (breaks a copy in memory in each
#        way above and fails unless every break is reported)
import copy
import json
import os
import re
import sys

ALLOWED_FINISH_ARGS = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
}
MIN_RUNTIME = 47
BUILDSYSTEMS = {"autotools", "cmake", "cmake-ninja", "meson", "simple", "qmake"}
SHA256 = re.compile(r"^[0-9a-f]{64}$")
COMMIT = re.compile(r"^[0-9a-f]{40}$")
ODBC_DRIVER_OPT = "-Dodbc_driver=/app/lib/libtdsodbc.so"


def load_modules(modules, base_dir, problems, where):
    """The manifest's modules, with modules given as file names read in; nested ones too."""
    result = []
    for module in modules or []:
        if isinstance(module, str):
            path = os.path.join(base_dir, module)
            try:
                with open(path, encoding="utf-8") as f:
                    module = json.load(f)
            except (OSError, ValueError) as e:
                problems.append(f"{where}: module file {path}: {e}")
                continue
        if not isinstance(module, dict):
            problems.append(f"{where}: a module is neither an object nor a file name")
            continue
        result.append(module)
        result.extend(load_modules(module.get("modules"), base_dir, problems,
                                   f"{where} > {module.get('name', '?')}"))
    return result


def check(manifest, file_name, base_dir="."):
    problems = []
    expected_id = re.sub(r"\.json$", "", os.path.basename(file_name))
    app_id = manifest.get("app-id", manifest.get("id"))
    if app_id != expected_id:
        problems.append(f"app-id {app_id!r} does not match the file name (expected {expected_id!r})")

    if manifest.get("runtime") != "org.gnome.Platform":
        problems.append(f"runtime {manifest.get('runtime')!r} is not org.gnome.Platform")
    if manifest.get("sdk") != "org.gnome.Sdk":
        problems.append(f"sdk {manifest.get('sdk')!r} is not org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    if not re.fullmatch(r"\d+", version):
        problems.append(f"runtime-version {version!r} is not a numbered GNOME branch")
    elif int(version) < MIN_RUNTIME:
        problems.append(f"runtime-version {version} is older than {MIN_RUNTIME}")

    finish_args = manifest.get("finish-args", [])
    for arg in finish_args:
        if arg not in ALLOWED_FINISH_ARGS:
            problems.append(f"finish-arg {arg!r} is not allowed (allowed: {', '.join(sorted(ALLOWED_FINISH_ARGS))})")

    modules = load_modules(manifest.get("modules"), base_dir, problems, "modules")
    if not modules:
        problems.append("no modules")
    for module in modules:
        name = module.get("name", "?")
        buildsystem = module.get("buildsystem", "autotools")
        if buildsystem not in BUILDSYSTEMS:
            problems.append(f"module {name}: unknown buildsystem {buildsystem!r}")
        sources = module.get("sources", [])
        if not sources:
            problems.append(f"module {name}: no sources")
        for source in sources:
            if isinstance(source, str):
                problems.append(f"module {name}: source file {source!r} is not checked; inline it")
                continue
            kind = source.get("type")
            label = source.get("url", source.get("path", kind))
            if kind in ("archive", "file"):
                if not SHA256.fullmatch(str(source.get("sha256", ""))):
                    problems.append(f"module {name}: {kind} {label} has no 64-hex sha256")
                if "url" in source and not str(source["url"]).startswith("https://"):
                    problems.append(f"module {name}: {kind} {label} is not fetched over https")
            elif kind == "git":
                if not COMMIT.fullmatch(str(source.get("commit", ""))):
                    problems.append(f"module {name}: git {label} is not pinned to a commit")

    app = modules[-1] if modules else {}
    app_opts = app.get("config-opts", [])
    development = "-Ddevelopment=true" in app_opts
    # The driver is loaded by path: where the freetds module installs it.
    if not any(m.get("name") == "freetds" for m in modules):
        problems.append("no freetds module (the ODBC driver)")
    if ODBC_DRIVER_OPT not in app_opts:
        problems.append(f"module {app.get('name', '?')}: the app must be configured with {ODBC_DRIVER_OPT}")
    if expected_id.endswith(".Devel") and not development:
        problems.append(f"module {app.get('name', '?')}: a .Devel manifest must build with -Ddevelopment=true")
    if not expected_id.endswith(".Devel") and development:
        problems.append(f"module {app.get('name', '?')}: only the .Devel manifest builds with -Ddevelopment=true")
    return problems


def read(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def self_test(path):
    """Each break must be reported; the unbroken manifest must pass."""
    good = read(path)
    base_dir = os.path.dirname(path)
    failures = 0
    known = set(check(good, path, base_dir))
    if known:
        print(f"FAIL: {path} does not pass as it is")
        failures += 1

    def archive(m):
        for module in m["modules"]:
            for source in module.get("sources", []):
                if isinstance(source, dict) and source.get("type") == "archive":
                    return source
        raise SystemExit(f"{path}: no archive source to break")

    breaks = {
        "sha256 removed": lambda m: archive(m).pop("sha256"),
        "sha256 too short": lambda m: archive(m).update(sha256="8f625f72"),
        "sha256 as a number": lambda m: archive(m).update(sha256=12345),
        "broad finish-arg": lambda m: m["finish-args"].append("--filesystem=home"),
        "secrets talk-name": lambda m: m["finish-args"].append("--talk-name=org.freedesktop.secrets"),
        "app-id not the file name": lambda m: m.update({"app-id": "io.github.linkbench.Other"}),
        "runtime 46": lambda m: m.update({"runtime-version": "46"}),
        "runtime master": lambda m: m.update({"runtime-version": "master"}),
        "unknown buildsystem": lambda m: m["modules"][0].update(buildsystem="nosuch"),
        "driver path dropped": lambda m: m["modules"][-1].update(
            {"config-opts": [o for o in m["modules"][-1]["config-opts"] if not o.startswith("-Dodbc_driver=")]}),
        "unpinned git": lambda m: m["modules"][0]["sources"].append(
            {"type": "git", "url": "https://example.org/x.git", "branch": "main"}),
        "development flag flipped": lambda m: m["modules"][-1].update(
            {"config-opts": [o for o in m["modules"][-1]["config-opts"] if o != "-Ddevelopment=true"]
             if "-Ddevelopment=true" in m["modules"][-1]["config-opts"]
             else m["modules"][-1]["config-opts"] + ["-Ddevelopment=true"]}),
    }
    for what, apply in breaks.items():
        broken = copy.deepcopy(good)
        apply(broken)
        problems = [p for p in check(broken, path, base_dir) if p not in known]
        if problems:
            print(f"ok: {what}: {problems[0]}")
        else:
            print(f"FAIL: {what}: not reported")
            failures += 1
    return failures


def main(argv):
    if len(argv) >= 2 and argv[0] == "--self-test":
        return 1 if sum(self_test(p) for p in argv[1:]) else 0
    if not argv:
        print("usage: check-flatpak-manifest.py [--self-test] MANIFEST...", file=sys.stderr)
        return 2
    status = 0
    for path in argv:
        try:
            manifest = read(path)
        except (OSError, ValueError) as e:
            print(f"{path}: {e}")
            status = 1
            continue
        problems = check(manifest, path, os.path.dirname(path))
        for problem in problems:
            print(f"{path}: {problem}")
        if problems:
            status = 1
        else:
            print(f"{path}: ok")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
