"""The ``contractkit`` command: parse arguments, call the library, format results.

Only click is imported at start-up; each command imports its engine inside its
function so ``contractkit --help`` stays fast. Each command returns its exit code
(0 clean, 1 findings or stale output, 2 usage or spec errors) and ``run`` returns it,
so the command can be driven in-process: ``run(["validate", spec, path])``; the installed
command is ``command``, which runs it and exits at once.
"""

from __future__ import annotations

import contextvars
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from . import __version__
from .errors import ContractkitError, StaleOutputError
from .limits import DEFAULT as _LIMITS

if TYPE_CHECKING:
    from .codecs import Encoding, FormStyle
    from .config import Config
    from .spec.model import Spec
    from .validate.engine import Format
    from .validate.findings import Finding
    from .validate.jsoncheck import Role
    from .validate.report import Format as ReportFormat
    from .validate.run import Target

_SUFFIXES = (".json", ".xml", ".form")
_CAPTURE_SUFFIXES = (".jsonl", ".ndjson")
_SPEC_SUFFIXES = (".yaml", ".yml")
_DISTRIBUTION = "contractkit-dotnet"


class _Failure(Exception):
    """A usage problem outside click's own parsing (a missing file): one line and an exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code

_COLOR = click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
                      help="Colour the text output: auto colours on a terminal unless NO_COLOR is set.")
_max_bytes = click.option("--max-bytes", type=click.IntRange(min=1), default=_LIMITS.max_bytes, show_default=True,
                          help="Refuse a payload or spec larger than this, unread.")
_max_form_keys = click.option("--max-form-keys", type=click.IntRange(min=1), default=_LIMITS.max_form_keys,
                              show_default=True, help="Refuse a form body with more pairs than this.")


def _limits(max_bytes: int, max_form_keys: int = _LIMITS.max_form_keys) -> None:
    """Put the command line's limits in force for this run (``run`` keeps them to it)."""
    from dataclasses import replace

    from .limits import set_limits

    set_limits(replace(_LIMITS, max_bytes=max_bytes, max_form_keys=max_form_keys))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             epilog="\b\n"
                    "Also run as: python -m converter\n"
                    f"Installed from PyPI as {_DISTRIBUTION}; the fuzz strategies of the Python API\n"
                    f"(converter.fuzz) need its extra: pip install '{_DISTRIBUTION}[fuzz]'\n"
                    "Shell completion (bash): eval \"$(_CONTRACTKIT_COMPLETE=bash_source contractkit)\"")
@click.version_option(__version__, "-V", "--version", prog_name="contractkit")
def main() -> None:
    """Keep a .NET Web API's JSON, DataContract XML and form payloads honest, from one field spec.

    \b
    SPEC is a field spec (YAML or JSON), such as
    schemas/outgoing-secure-messages.yaml.
    """


@main.command(short_help="Generate JSON Schema, DataContract XSD and C# models from a spec.")
@click.argument("spec", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", "output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for <Type>.schema.json and xsd/*.xsd (contractkit owns it: files it generated "
                   "for types the spec no longer has are removed).")
@click.option("--csharp", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the C# models, <Namespace>.<Type>.cs (contractkit owns its *.cs files).")
@click.option("--xsd-profile", type=click.Choice(["contract", "wire"]), default="contract", show_default=True,
              help="contract: what the spec promises; wire: what XsdDataContractExporter emits.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a folder is not what SPEC generates.")
@_max_bytes
def generate(spec: str, output: Path | None, csharp: Path | None, xsd_profile: str, check: bool,
             max_bytes: int) -> int:
    """Generate JSON Schema (draft 2020-12) and DataContract XSD (-o), and C# models (--csharp), from SPEC."""
    from ._files import compare_tree, csharp_file, schema_file, write_tree
    from .generate import render
    from .generate.csharp import csharp_sources

    if output is None and csharp is None:
        raise click.UsageError("give -o DIR (schemas), --csharp DIR (C# models), or both")
    _limits(max_bytes)
    model = _load(spec)
    trees = []
    if output is not None:
        profile_flag = " --xsd-profile wire" if xsd_profile == "wire" else ""
        trees.append((output, render(model, "wire" if xsd_profile == "wire" else "contract"), schema_file,
                      f"-o {output}{profile_flag}"))
    if csharp is not None:
        sources = {name: text.encode("utf-8") for name, text in csharp_sources(model).items()}
        trees.append((csharp, sources, csharp_file, f"--csharp {csharp}"))
    stale = []
    for folder, files, owned, flag in trees:
        if check:
            problems = compare_tree(folder, files, owned)
            for problem in problems:
                click.echo(f"{folder}: {problem}", err=True)
            if problems:
                stale.append((folder, flag))
            else:
                click.echo(f"{folder}: up to date ({len(files)} files)", err=True)
            continue
        changed, removed = write_tree(folder, files, _ids([None if spec == "-" else spec]), owned)
        gone = f", removed {len(removed)} the spec no longer generates" if removed else ""
        click.echo(f"{folder}: wrote {len(changed)} of {len(files)} files{gone}", err=True)
    if stale:
        verb = "is" if len(stale) == 1 else "are"
        raise StaleOutputError(f"{', '.join(str(f) for f, _ in stale)} {verb} stale: run "
                               f"'contractkit generate {spec} {' '.join(flag for _, flag in stale)}'")
    return 0


@main.command(short_help="Lint payloads: syntax, contract, .NET's silent failures.")
@click.argument("args", nargs=-1, required=True, metavar="[SPEC] PATH...")
@click.option("--type", "type_name", metavar="T", help="The payloads' type (default: the configuration's "
              "mapping, the XML root element, or the spec's only request type).")
@click.option("--from", "fmt", type=click.Choice(["auto", "json", "xml", "form"]), default=None,
              help="Payload encoding [default: auto: .json, .xml or .form, else the first bytes].")
@click.option("--format", "legacy_fmt", type=click.Choice(["auto", "json", "xml", "form"]), hidden=True)
@click.option("--role", type=click.Choice(["request", "response"]),
              help="request: also warn about read-only members sent to the server.")
@click.option("--output-format", "output_format", type=click.Choice(["text", "json", "junit", "github", "sarif"]),
              default=None, help="text [default]: file:line:col: severity: path: message; json: one object per "
              "finding; junit: a test case per file; github: workflow annotations; sarif: SARIF 2.1.0.")
@click.option("--output", "legacy_output", type=click.Choice(["text", "json", "junit", "github", "sarif"]),
              hidden=True)
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Write the report here (atomically) instead of standard output.")
@click.option("--include", multiple=True, metavar="GLOB", help="Only files (under folders) matching GLOB.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files (under folders) matching GLOB.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes; 0 uses every core.")
@click.option("--warnings-as-errors", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--allow-empty", is_flag=True, help="Exit 0 when no payload file is found (default: exit 2).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="The settings file (default: contractkit.toml or pyproject.toml [tool.contractkit], "
                   "found upward from the working directory).")
@click.option("--ndjson", is_flag=True, help="Each PATH is a JSON Lines capture (folders: its .jsonl and .ndjson "
              "files): one JSON payload a line, findings at the capture's line, streamed in bounded memory.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@_COLOR
@_max_bytes
@_max_form_keys
def validate(args: tuple[str, ...], type_name: str | None, fmt: str | None, legacy_fmt: str | None,
             role: str | None, output_format: str | None, legacy_output: str | None, output_file: Path | None,
             include: tuple[str, ...], exclude: tuple[str, ...], jobs: int, warnings_as_errors: bool,
             allow_empty: bool, config_path: Path | None, ndjson: bool, quiet: bool, color: str, max_bytes: int,
             max_form_keys: int) -> int:
    """Lint payloads (files, folders of .json/.xml/.form files, or - for stdin) against SPEC.

    Three layers: syntax; the contract (JSON and form against the generated JSON Schema, XML
    against the generated XSD); and what .NET does silently (skipped XML members, ignored JSON
    members, read-only members in a request, rounded numbers) as warnings. SPEC may come from
    the repository's configuration, which can also map payload paths to types.
    Exit 0 when every file is valid, 1 when any is not, 2 for a usage or spec error.
    """
    from .validate.report import render
    from .validate.run import validate_files

    _limits(max_bytes, max_form_keys)
    config = _config(config_path)
    spec, paths = _spec_and_paths(args, config)
    model = _load(spec)
    if type_name is not None:
        _check_type(model, type_name, spec)
    if legacy_fmt is not None or legacy_output is not None:
        click.echo("contractkit: warning: --format and --output are now --from and --output-format", err=True)
    files = list(_payload_files(paths, include, exclude, _CAPTURE_SUFFIXES if ndjson else _SUFFIXES))
    if ndjson:
        return _validate_captures(model, files, type_name, cast("Role", role), cast("ReportFormat", output_format
                                  or legacy_output or "text"), output_file, warnings_as_errors, allow_empty, quiet,
                                  color)
    if not files and not allow_empty:
        raise _Failure(f"no payloads under {', '.join(paths)} (.json, .xml or .form files); "
                       "pass --allow-empty if that is expected")
    targets = _targets(files, config, type_name, cast("Format | None", fmt or legacy_fmt), role)
    for target in targets:
        if target.type_name is not None and target.type_name != type_name:
            _check_type(model, target.type_name, config.source if config else spec)
    show_progress = not quiet and len(files) > 50 and sys.stderr.isatty() and not os.environ.get("CI")
    result = validate_files(model, targets, jobs=jobs, progress=_progress if show_progress else None)
    report_format = cast("ReportFormat", output_format or legacy_output or "text")
    report = render(result.findings, [name for name, _ in files], report_format, version=__version__,
                    seconds=result.seconds)
    _write_report(report, output_file, report_format, color, result.findings)
    failing = {f.file for f in result.findings if f.severity == "error" or warnings_as_errors}
    if not quiet and report_format == "text":
        warned = len({f.file for f in result.findings if f.severity == "warning"})
        click.echo(f"{len(files)} file(s) checked: {len(failing)} invalid, {warned} with warnings", err=True)
    return 1 if failing else 0


@main.command(short_help="Convert a payload between JSON, XML and form encoding.")
@click.argument("spec", type=click.Path(dir_okay=False, allow_dash=True))
@click.argument("input", default="-", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--to", "to", type=click.Choice(["json", "xml", "form"]), required=True, help="Target encoding.")
@click.option("--from", "from_", type=click.Choice(["auto", "json", "xml", "form"]), default="auto",
              show_default=True, help="Input encoding; auto uses .json, .xml or .form, else the first bytes.")
@click.option("--type", "type_name", metavar="T", help="The payload's type (default: the XML root element, "
              "or the spec's only request type).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Write here (atomically) instead of standard output.")
@click.option("--indent/--compact", default=False, show_default=True,
              help="Indented output (the help page's layout) or the compact wire bytes.")
@click.option("--form-style", type=click.Choice(["mvc", "jquery"]), default="mvc", show_default=True,
              help="Form keys: mvc writes Patients%5B0%5D.ExternalId (Patients[0].ExternalId, what a browser "
                   "posts from an ASP.NET form); jquery writes patients%5B0%5D%5BexternalId%5D "
                   "(patients[0][externalId], what jQuery.param sends).")
@click.option("--strict", is_flag=True, help="Exit 1 without writing anything if any value would be lost.")
@click.option("--in-place", is_flag=True, help="Let -o be INPUT itself (refused otherwise, so a slip of the "
              "keyboard loses nothing).")
@_COLOR
@_max_bytes
@_max_form_keys
def convert(spec: str, input: str, to: str, from_: str, type_name: str | None, output: Path | None,
            indent: bool, form_style: str, strict: bool, in_place: bool, color: str, max_bytes: int,
            max_form_keys: int) -> int:
    """Convert a payload between JSON, DataContract XML and form encoding.

    One warning line on stderr for each value the target encoding cannot carry, in validate's
    format: file:line:col: warning: path: message.
    """
    from ._files import atomic_write
    from .codecs import detect
    from .convert import convert as run_convert
    from .validate.findings import Finding

    _limits(max_bytes, max_form_keys)
    model = _load(spec)
    if type_name is not None:
        _check_type(model, type_name, spec)
    name, data = _read_input(input)
    encoding = detect(data, name) if from_ == "auto" else cast("Encoding", from_)
    result = run_convert(model, data, to=cast("Encoding", to), source=name, from_=encoding,
                         type_name=type_name, indent=indent, form_style=cast("FormStyle", form_style), strict=strict)
    styled = _styler(color, err=True)
    for loss in result.losses:
        line, col = (loss.origin.line, loss.origin.col) if loss.origin else (0, 0)
        warning = Finding(name, "loss", loss.message, "warning", line, col, loss.path, encoding)
        click.echo(styled(warning), err=True)
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(result.output + (b"\n" if indent else b""))
        sys.stdout.buffer.flush()
    else:
        inputs = [None if spec == "-" else spec] + ([] if in_place else [None if input == "-" else input])
        atomic_write(output, result.output, _ids(inputs))
    return 0


@main.command(short_help="Fuzz a running service through its contract, in every encoding.")
@click.argument("spec", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--base-url", required=True, metavar="URL", help="The service's root; requests go only here.")
@click.option("--operation", metavar="PATH", help="Probe only the operation with this path (default: all).")
@click.option("--examples", type=click.IntRange(min=1), default=10, show_default=True,
              help="Valid payloads per operation, each sent in every request format with every Accept.")
@click.option("--formats", default="json,xml,form", show_default=True, metavar="LIST",
              help="Encodings to send, of those the operation lists: json, xml, form.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed sends the same payloads.")
@click.option("--output", "output_format", type=click.Choice(["text", "json", "junit"]), default="text",
              show_default=True, help="Report format (failures with the shrunk payload, the answer and a curl line).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds to wait for one answer.")
@click.option("--max-requests", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Stop after this many requests, shrinking included.")
@click.option("--max-time", type=click.FloatRange(min=1), default=300.0, show_default=True,
              help="Stop after this many seconds.")
@click.option("--jobs", type=click.IntRange(min=1, max=32), default=4, show_default=True,
              help="Requests in flight at once.")
def probe(spec: str, base_url: str, operation: str | None, examples: int, formats: str, seed: int,
          output_format: str, timeout: float, max_requests: int, max_time: float, jobs: int) -> int:
    """Send valid and invalid payloads of SPEC's operations to the service at --base-url.

    \b
    Fails (exit 1) when the service answers 5xx, when an answer does not validate
    against the response type, when an invalid payload gets 2xx, or, for an
    operation marked echo: true, when the answer is not what contractkit predicts.
    """
    from .probe import Settings, render
    from .probe import probe as run_probe

    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in ("json", "xml", "form")]
    if unknown or not chosen:
        raise click.BadParameter(f"expected a comma-separated list of json, xml, form; got {formats!r}",
                                 param_hint="--formats")
    settings = Settings(examples=examples, formats=tuple(cast("list[Encoding]", chosen)), seed=seed,
                        operation=operation, timeout=timeout, max_requests=max_requests, max_seconds=max_time,
                        jobs=jobs)
    report = run_probe(_load(spec), base_url, settings)
    click.echo(render(report, cast("Any", output_format)))
    return 1 if report.failures else 0


@main.command(short_help="Fuzz a spec's types: round trips, schemas, decoders, and .NET itself.")
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--type", "type_name", metavar="T", help="Fuzz this class (default: the spec's request types, "
              "else every class).")
@click.option("--all", "all_types", is_flag=True, help="Fuzz every class of the spec.")
@click.option("--examples", type=click.IntRange(min=1), default=200, show_default=True,
              help="Examples per type and property.")
@click.option("--seed", type=int, default=0, show_default=True, help="Hypothesis seed: the same seed, the same run.")
@click.option("--formats", default="json,xml,form", show_default=True, metavar="LIST",
              help="Encodings to fuzz, comma-separated.")
@click.option("--dotnet", type=click.Choice(["auto", "mono", "off"]), default="auto", show_default=True,
              help="The differential run against DataContractSerializer and Json.NET: auto runs it when mono "
                   "and mcs are on PATH; mono insists on it.")
@click.option("--output", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: each failure, shrunk, with the command that reproduces it; json: one report object.")
@click.option("-q", "--quiet", is_flag=True, help="No progress line.")
def fuzz(spec: str, type_name: str | None, all_types: bool, examples: int, seed: int, formats: str, dotnet: str,
         output_format: str, quiet: bool) -> int:
    """Fuzz SPEC's types with Hypothesis, leaning to the edges that break integrations.

    \b
    Properties, for each type:
      roundtrip  every value comes back from each encoding and pair, or a loss is reported;
      schemas    the JSON Schema and XSD accept valid payloads and reject invalid ones;
      decoders   no decoder raises anything but its own error on garbage and mutations;
      dotnet     DataContractSerializer and Json.NET (Mono) write, read and refuse as contractkit does.
    Exit 0 when every property holds, 1 on a failure (shrunk, with the command that reproduces it).
    """
    import json as json_module

    from .fuzz.dotnet import mono_available
    from .fuzz.run import fuzz as run_fuzz

    model = _load(spec)
    chosen = _formats(formats)
    if type_name is not None:
        _check_type(model, type_name, spec)
        if not isinstance(model.types[type_name], _class_type()):
            raise click.BadParameter(f"{type_name!r} is an enum: fuzz a class", param_hint="--type")
    classes = [c.name for c in model.classes()]
    types = [type_name] if type_name else classes if all_types else list(model.request_types()) or classes
    if dotnet == "mono" and not mono_available():
        raise _Failure("--dotnet mono: mono, mcs and Json.NET are needed (apt-get install mono-devel "
                       "libnewtonsoft-json5.0-cil)")
    use_dotnet = dotnet == "mono" or dotnet == "auto" and mono_available()
    tty = sys.stderr.isatty() and not quiet

    def progress(name: str, prop: str, count: int, failures: int, finished: bool) -> None:
        if quiet or not (tty or finished):  # off a terminal, one line per finished (type, property)
            return
        line = f"fuzz: {name} {prop}: {count} examples, {failures} failure(s)"
        click.echo(f"\r{line}\x1b[K" if tty else line, err=True, nl=not tty)

    report = run_fuzz(model, types, examples=examples, seed=seed, formats=chosen, dotnet=use_dotnet,
                      progress=progress)
    if tty:
        click.echo("", err=True)
    total = sum(report.examples.values())
    if output_format == "json":
        click.echo(json_module.dumps({
            "spec": spec, "seed": seed, "examples": total, "dotnet": report.dotnet, "seconds": round(report.seconds, 3),
            "failures": [dict(f.as_json(), command=_fuzz_command(spec, f.type_name, examples, seed, chosen, dotnet))
                         for f in report.failures]}, ensure_ascii=False))
    else:
        for f in report.failures:
            click.echo(f"FAIL {f.type_name} {f.property} [{', '.join(f.encodings) or '-'}]: {f.message}")
            click.echo(f"  example: {f.example}")
            click.echo(f"  reproduce: {_fuzz_command(spec, f.type_name, examples, seed, chosen, dotnet)}")
        if not quiet:
            ran = "with" if report.dotnet else "without"
            click.echo(f"{total} examples over {len(types)} type(s) {ran} the .NET differential run in "
                       f"{report.seconds:.1f} s: {len(report.failures)} failure(s)", err=True)
    return 1 if report.failures else 0


@main.command(short_help="Write valid and invalid fixture payloads, with a manifest, for QA.")
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--type", "type_name", metavar="T", required=True, help="The class to write payloads of.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for valid/, invalid/ and manifest.json (contractkit owns those).")
@click.option("--count", type=click.IntRange(min=0), default=20, show_default=True, help="Valid cases.")
@click.option("--invalid", "invalid", type=click.IntRange(min=0), default=20, show_default=True, help="Invalid cases.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed writes the same bytes.")
@click.option("--formats", default="json,xml,form", show_default=True, metavar="LIST",
              help="Encodings to write, comma-separated.")
@click.option("--dotnet", type=click.Choice(["auto", "mono", "off"]), default="auto", show_default=True,
              help="Have DataContractSerializer and Json.NET on Mono write the valid JSON and XML "
                   "(auto: when mono and mcs are on PATH).")
def fixtures(spec: str, type_name: str, output: Path, count: int, invalid: int, seed: int, formats: str,
             dotnet: str) -> int:
    """Write TYPE's fixtures: OUTPUT/valid/<case>.<ext>, OUTPUT/invalid/<case>.<ext> and
    OUTPUT/manifest.json, which lists each case, its encodings, and for an invalid one the rule
    and member path it breaks and the encodings it is really invalid in."""
    from ._files import write_tree
    from .fuzz.dotnet import mono_available
    from .fuzz.fixtures import fixtures as make_fixtures

    model = _load(spec)
    _check_type(model, type_name, spec)
    if not isinstance(model.types[type_name], _class_type()):
        raise click.BadParameter(f"{type_name!r} is an enum: write fixtures of a class", param_hint="--type")
    if dotnet == "mono" and not mono_available():
        raise _Failure("--dotnet mono: mono, mcs and Json.NET are needed (apt-get install mono-devel "
                       "libnewtonsoft-json5.0-cil)")
    files = make_fixtures(model, type_name, count=count, invalid=invalid, seed=seed, formats=_formats(formats),
                          dotnet=dotnet == "mono" or dotnet == "auto" and mono_available(), spec_name=spec)
    changed, removed = write_tree(output, files, _ids([spec]), _fixture_file)
    cases = sum(1 for rel in files if rel.startswith("valid/")), sum(1 for rel in files if rel.startswith("invalid/"))
    gone = f", removed {len(removed)} stale" if removed else ""
    click.echo(f"{output}: {cases[0]} valid and {cases[1]} invalid files, wrote {len(changed)}{gone}", err=True)
    return 0


def _fixture_file(rel: str) -> bool:
    """The files ``fixtures`` owns in its folder."""
    return rel == "manifest.json" or rel.count("/") == 1 and rel.startswith(("valid/", "invalid/"))


def _class_type() -> type:
    from .spec.model import ClassType

    return ClassType


def _formats(raw: str) -> list[Encoding]:
    chosen = [part.strip() for part in raw.split(",") if part.strip()]
    bad = [p for p in chosen if p not in ("json", "xml", "form")]
    if bad or not chosen:
        raise click.BadParameter(f"{', '.join(bad) or 'nothing'}: a comma-separated list of json, xml, form",
                                 param_hint="--formats")
    return cast("list[Encoding]", list(dict.fromkeys(chosen)))


def _fuzz_command(spec: str, type_name: str, examples: int, seed: int, formats: Sequence[str], dotnet: str) -> str:
    import shlex

    return (f"contractkit fuzz {shlex.quote(spec)} --type {shlex.quote(type_name)} --examples {examples} "
            f"--seed {seed} --formats {','.join(formats)} --dotnet {dotnet}")


@main.command("import-helppage", short_help="Write a spec from ASP.NET Web API help pages.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Write the spec here (atomically; nothing is written on an error) instead of standard output.")
@click.option("--merge", "merge", type=click.Path(dir_okay=False, exists=True),
              help="Add the pages' types and operations to this spec (written back to it unless -o is given).")
@click.option("--title", help="The spec's title (default: the first page's method and route).")
@_max_bytes
def import_helppage(files: tuple[str, ...], output: Path | None, merge: str | None, title: str | None,
                    max_bytes: int) -> int:
    """Read help pages (the HTML the Help Page package renders, ResourceModel pages, or their
    text copied from a browser) into one field spec.

    Tables give names, descriptions and constraints; samples give nested types, namespaces,
    base classes, nullable members and JSON naming. Each guess the page cannot settle (int or
    long, DateTime or DateTimeOffset...) is a comment in the spec and one line on stderr.
    """
    from ._files import atomic_write
    from .helppage import import_pages

    _limits(max_bytes)
    pages = []
    for raw in files:
        name, data = _read_input(raw)
        from .codecs import text_of

        pages.append((name, text_of(data, name)))
    target = output if output is not None else (Path(merge) if merge is not None else None)
    result = import_pages(pages, output=str(target or "<stdout>"), title=title, merge=merge)
    for line in result.warnings:
        click.echo(line, err=True)
    for line in result.guesses:
        click.echo(line, err=True)
    if target is None or str(target) == "-":
        sys.stdout.write(result.text)
        sys.stdout.flush()
    else:
        atomic_write(target, result.text.encode("utf-8"), _ids([None if f == "-" else f for f in files]))
        merged = " (merged; the old file's comments are not kept)" if merge is not None else ""
        click.echo(f"{target}: wrote the spec of {len(files)} page(s), {len(result.guesses)} guess(es){merged}",
                   err=True)
    return 0


@main.command(short_help="Write a sample payload, as the help page does.")
@click.argument("spec", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--type", "type_name", metavar="T", help="A type expression: Order, List<Order>, int (default: the "
              "spec's only request type).")
@click.option("--to", "to", type=click.Choice(["json", "xml", "form"]), required=True, help="Encoding.")
@click.option("--indent/--compact", default=False, show_default=True, help="The help page's layout or the wire bytes.")
@click.option("--now", metavar="T", help="The time DateTime members get (default: now), e.g. 2026-05-29T16:57:00+00:00.")
@click.option("--seed", type=int, help="Make Guids (and realistic values) repeatable.")
@click.option("--style", type=click.Choice(["helppage", "realistic"]), default="helppage", show_default=True,
              help="helppage: ObjectGenerator's placeholders (sample string 1...); realistic: a valid value "
                   "from the fuzz strategies.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Write here (atomically) instead of standard output.")
def sample(spec: str, type_name: str | None, to: str, indent: bool, now: str | None, seed: int | None,
           style: str, output: Path | None) -> int:
    """Write a sample of a spec type in the help page's style: sample string N counting each
    object's simple members, two items per collection, the lowest enum value, now, a new Guid."""
    from ._files import atomic_write
    from .codecs import Options, codec
    from .codecs.lexical import DateTimeValue
    from .sample import sample_value

    model = _load(spec)
    if type_name is None:
        requests = model.request_types()
        if len(requests) != 1:
            raise click.UsageError(f"pass --type, one of {', '.join(requests or tuple(model.types))}")
        type_name = requests[0]
    try:
        model.resolve(type_name)
    except ValueError:
        _check_type(model, type_name, spec)  # says which types there are
    moment = None
    if now is not None:
        try:
            moment = DateTimeValue.parse(now)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--now") from None
    value = sample_value(model, type_name, style=cast("Any", style), now=moment, seed=seed)
    data, _ = codec(cast("Encoding", to)).encode(model, type_name, value, Options(indent=indent))
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data + (b"\n" if indent else b""))
        sys.stdout.buffer.flush()
    else:
        atomic_write(output, data, _ids([None if spec == "-" else spec]))
    return 0


# -- helpers -----------------------------------------------------------------------------------


def _validate_captures(model: Spec, files: list[tuple[str, str | None]], type_name: str | None, role: Role,
                       report_format: ReportFormat, output_file: Path | None, warnings_as_errors: bool,
                       allow_empty: bool, quiet: bool, color: str) -> int:
    """``validate --ndjson``: line-based reports (text, json, github) to standard output are
    written as each line is checked, so memory stays bounded; the others are written at the end."""
    from .validate.engine import Validator
    from .validate.report import render
    from .validate.run import validate_lines

    if not files and not allow_empty:
        raise _Failure("no JSON Lines captures found (.jsonl or .ndjson files); pass --allow-empty if that is expected")
    streaming = report_format in ("text", "json", "github") and (output_file is None or str(output_file) == "-")
    styled = _styler(color, err=False)
    validator = Validator(model, role=role)
    kept: list[Finding] = []
    failing: set[tuple[str, int]] = set()
    warned: set[tuple[str, int]] = set()
    for name, path in files:
        for finding in validate_lines(validator, path, name, type_name=type_name):
            if finding.severity == "error" or warnings_as_errors:
                failing.add((finding.file, finding.line))
            if finding.severity == "warning":
                warned.add((finding.file, finding.line))
            if not streaming:
                kept.append(finding)
            elif report_format == "text":
                click.echo(styled(finding), color=_use_color(color, err=False))
            else:
                click.echo(render([finding], [name], report_format, version=__version__), nl=False)
    if not streaming:
        report = render(kept, [name for name, _ in files], report_format, version=__version__)
        _write_report(report, output_file, report_format, color, kept)
    if not quiet and report_format == "text":
        click.echo(f"{len(files)} capture(s) checked: {len(failing)} invalid line(s), {len(warned)} with warnings",
                   err=True)
    return 1 if failing else 0



def _config(path: Path | None) -> Config | None:
    from .config import find_config, load_config

    found = path or find_config()
    return load_config(found) if found is not None else None


def _spec_and_paths(args: tuple[str, ...], config: Config | None) -> tuple[str, list[str]]:
    """SPEC is the first argument, unless the configuration names one and the first argument is
    not a .yaml spec; then every argument is a payload path."""
    first, *rest = args
    if config is not None and config.spec_path is not None and not first.endswith(_SPEC_SUFFIXES):
        return config.spec_path, list(args)
    if not rest:
        raise click.UsageError("give SPEC and at least one PATH (or name the spec in contractkit.toml)")
    return first, rest


def _targets(files: list[tuple[str, str | None]], config: Config | None, type_name: str | None,
             fmt: Format | None, role: str | None) -> list[Target]:
    """What each file is: the flags, else the configuration's first matching mapping, else auto
    (in one pass: a run of 20,000 files builds 20,000 of them before any is checked)."""
    from .validate.run import Target

    wanted = cast("Role", role)
    if config is None:
        return [Target(name, path, type_name, fmt or "auto", wanted) for name, path in files]
    targets = []
    for name, path in files:
        mapping = config.mapping_for(path) if path is not None else None
        targets.append(Target(name, path, type_name or (mapping.type if mapping else None),
                              fmt or (mapping.format if mapping else "auto"),
                              wanted or (mapping.role if mapping else None)))
    return targets


def _check_type(model: Spec, type_name: str, where: str) -> None:
    """An unknown type is a usage error that says which types there are."""
    from difflib import get_close_matches

    try:
        model.resolve(type_name)  # any type expression: List<ProductModel>, int, a unique short name
        return
    except ValueError as exc:
        why = str(exc)
    close = get_close_matches(type_name, list(model.types), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    if "ambiguous" in why:
        raise click.BadParameter(why, param_hint="--type")
    raise click.BadParameter(f"{type_name!r} is not a type of {where}{hint} (types: {', '.join(model.types)})",
                             param_hint="--type")


def _write_report(report: str, output_file: Path | None, fmt: str, color: str, findings: list[Finding]) -> None:
    if output_file is not None and str(output_file) != "-":
        from ._files import atomic_write

        atomic_write(output_file, report.encode("utf-8"))
        return
    if fmt == "text" and _use_color(color, err=False):
        styled = _styler(color, err=False)
        report = "".join(styled(f) + "\n" for f in findings)
    if report:
        click.echo(report.rstrip("\n"), color=_use_color(color, err=False))


def _use_color(choice: str, *, err: bool) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return (sys.stderr if err else sys.stdout).isatty()


def _styler(choice: str, *, err: bool) -> Callable[[Finding], str]:
    """Renders a finding as its text line, the severity coloured when colour is on."""
    on = _use_color(choice, err=err)

    def style(finding: Finding) -> str:
        text = str(finding)
        if not on:
            return text
        head = f"{finding.file}:{finding.line}:{finding.col}: "
        word = click.style(finding.severity, fg="red" if finding.severity == "error" else "yellow", bold=True)
        return head + word + text[len(head) + len(finding.severity):]

    return style


def _read_input(raw: str) -> tuple[str, bytes]:
    from .errors import UsageError
    from .limits import read_input

    name = "<stdin>" if raw == "-" else raw
    return name, read_input(None if raw == "-" else raw, name, unreadable=UsageError)


def _ids(paths: list[str | None]) -> set[tuple[int, int]]:
    """The inputs' file identities (None: standard input), which no output may replace."""
    from ._files import file_id

    return {found for found in map(file_id, paths) if found is not None}


def _progress(total: int) -> Any:
    return click.progressbar(length=total, label="validating", file=sys.stderr)


def _payload_files(paths: Sequence[str], include: tuple[str, ...], exclude: tuple[str, ...],
                   suffixes: tuple[str, ...] = _SUFFIXES) -> Iterator[tuple[str, str | None]]:
    """(name, path) of every payload: ``-`` is stdin (path None); folders are walked, sorted, for
    files ending in ``suffixes``."""
    for raw in paths:
        if raw == "-":
            yield "<stdin>", None
        elif os.path.isdir(raw):
            found = _walk(raw, suffixes)
            if include or exclude:
                found = [path for path in found if _chosen(os.path.relpath(path, raw).replace(os.sep, "/"),
                                                            os.path.basename(path), include, exclude)]
            yield from ((path, path) for path in sorted(found))
        elif os.path.exists(raw):  # a file, or a device named on purpose: read up to --max-bytes
            yield raw, raw
        else:
            raise _Failure(f"{raw}: no such file or folder")


def _chosen(rel: str, name: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    """Whether ``--include`` and ``--exclude`` keep a file, by its path under the folder or its name."""
    from fnmatch import fnmatch

    if include and not any(fnmatch(rel, g) or fnmatch(name, g) for g in include):
        return False
    return not any(fnmatch(rel, g) or fnmatch(name, g) for g in exclude)


def _suffix(name: str) -> str:
    """``os.path.splitext(name)[1].lower()`` for a file's name (no separator in it), in a third of
    the time (a folder of 20,000 payloads asks it 20,000 times): the text from the last dot, unless
    only dots come before it (``.json`` and ``..json`` have none)."""
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 and name[:dot].strip(".") else ""


def _walk(folder: str, suffixes: tuple[str, ...]) -> list[str]:
    """The path of every file under ``folder`` ending in ``suffixes`` (links to folders not
    followed, as ``os.walk``; unreadable folders skipped). FIFOs, sockets and devices are no
    payload (a FIFO would block); a dangling link is kept, to become one ``read`` finding. The
    directory entry's own type answers for a regular file, so 20,000 files cost no stat each, and
    one call each."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return []
    found: list[str] = []
    for entry in entries:
        try:
            if entry.is_file():  # a regular file, or a link to one: the common case, one call
                if _suffix(entry.name) in suffixes:
                    found.append(entry.path)
                continue
            folder_here = entry.is_dir()
            keep = not folder_here and not os.path.exists(entry.path)
        except OSError:  # a looping link: kept, to say it cannot be read
            folder_here, keep = False, True
        if folder_here and not entry.is_symlink():
            found += _walk(entry.path, suffixes)
        elif keep and _suffix(entry.name) in suffixes:
            found.append(entry.path)
    return found


def _load(spec: str) -> Spec:
    from .spec import load_spec

    return load_spec(spec)


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line (``argv``, or the process's arguments) and return its exit code,
    turning contractkit errors into one line on stderr, never a traceback."""
    try:
        # In a copy of the context, so the limits one run sets end with it.
        code = contextvars.copy_context().run(main.main, list(argv) if argv is not None else None,
                                              prog_name="contractkit", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("contractkit: aborted", err=True)
        return 130
    except _Failure as exc:
        click.echo(f"contractkit: {exc}", err=True)
        return exc.code
    except ContractkitError as exc:
        click.echo(exc.show(), err=True)
        return exc.exit_code
    except BrokenPipeError:
        return 1
    except MemoryError:  # the machine's limit, not a bug: the input is too large for it
        from .codecs.messages import OUT_OF_MEMORY

        click.echo(f"contractkit: {OUT_OF_MEMORY}", err=True)
        return 1
    except Exception as exc:  # a bug of ours: one line, not a traceback, unless asked for
        if os.environ.get("CONTRACTKIT_DEBUG"):
            raise
        click.echo(f"contractkit: internal error: {exc!r} (set CONTRACTKIT_DEBUG=1 for a traceback)", err=True)
        return 70


def command() -> None:
    """The installed ``contractkit`` command: ``run``, then end the process without the
    interpreter's tidy-up. Freeing every module and object one by one is a tenth of a short
    validate (more after 20,000 files) and nothing needs it: output is flushed here, files are
    written whole by then, no exit handler is ours. mypy ends the same way (``util.hard_exit``)."""
    code = run()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (| head) or stream: nothing more can be said
            code = code or 1
    os._exit(code)
