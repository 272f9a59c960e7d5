"""Test helpers for the GitHub Action and the CI recipes: a runner for composite actions, git repositories, offline pip.

``run_action`` runs an ``action.yml`` the way the GitHub Actions runner runs a composite action:
inputs with their defaults, each step's ``if`` evaluated (``success() &&`` added when it names no
status function), ``${{ … }}`` expressions substituted in ``env``, ``with`` and the outputs, each
``run:`` written to a file and run with ``bash --noprofile --norc -eo pipefail`` in the workspace,
and the runner's files: ``GITHUB_OUTPUT`` (``name=value`` and ``name<<DELIMITER`` blocks),
``GITHUB_ENV``, ``GITHUB_PATH`` and ``GITHUB_STEP_SUMMARY``, one of each per step. A step that
``uses:`` another action runs a stand-in the test gives (its outputs, as that action sets them).

Tests never reach a package index. ``offline_pip`` gives pip what a runner gets from PyPI from the
interpreter running the tests instead: provenance's dependencies (the installed ones, linked into a
folder on ``PYTHONPATH``, where pip counts them as installed) and setuptools for the build (the
wheel virtualenv bundles). Every install still builds and installs provenance from its source.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

GIT = shutil.which("git")
BASH = shutil.which("bash")

#: A stand-in for an action a step ``uses:``: given its ``with:`` values, it returns its outputs.
StandIn = Callable[[dict[str, str]], dict[str, str]]


def git(cwd: Path, *args: str, text_input: str | None = None) -> str:
    """Run git in ``cwd`` as a user with a name and no signing; its standard output."""
    result = subprocess.run(
        [GIT or "git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
         "-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd, check=True, capture_output=True, text=True, input=text_input, env=clean_environment(),
    )
    return result.stdout


def clean_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment without what a runner, git, pip or Python would read from it."""
    dropped = ("GITHUB_", "RUNNER_", "PIP_", "PYTHON", "GIT_", "VIRTUAL_ENV", "PRE_COMMIT", "PROVENANCE_", "CI")
    env = {key: value for key, value in os.environ.items() if not key.startswith(dropped)}
    for name in ("NO_COLOR", "FORCE_COLOR", "GITLAB_CI", "XDG_CACHE_HOME"):
        env.pop(name, None)
    env.update(extra or {})
    return env


# --- Expressions: ${{ … }} ---------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>\d+(?:\.\d+)?)|(?P<op>==|!=|&&|\|\||[!(),])"
                    r"|(?P<name>[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z_][A-Za-z0-9_\-]*)*))")
_STATUS = ("always", "success", "failure", "cancelled")


def _number(value: Any) -> float:
    """A value as GitHub's expressions coerce it to a number."""
    if value is None or value is False:
        return 0.0
    if value is True:
        return 1.0
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip() or 0)
    except ValueError:
        return float("nan")


def _equal(left: Any, right: Any) -> bool:
    if isinstance(left, str) and isinstance(right, str):
        return left.casefold() == right.casefold()
    if type(left) is type(right):
        return bool(left == right)
    return _number(left) == _number(right)


def truthy(value: Any) -> bool:
    """Whether a value counts as true: false, 0, '' and null do not."""
    return value not in (None, False, 0, "")


class Expression:
    """One expression of GitHub's syntax: literals, context paths, ! == != && || and the status functions."""

    def __init__(self, text: str, context: Mapping[str, Any], status: Mapping[str, bool]) -> None:
        self.tokens = self._tokenize(text)
        self.position = 0
        self.context = context
        self.status = status

    @staticmethod
    def _tokenize(text: str) -> list[tuple[str, str]]:
        tokens, position = [], 0
        while text[position:].strip():
            match = _TOKEN.match(text, position)
            if match is None:
                raise ValueError(f"cannot read expression {text!r} at {position}")
            kind = match.lastgroup or ""
            tokens.append((kind, match[kind]))
            position = match.end()
        return tokens

    def evaluate(self) -> Any:
        value = self._or()
        if self.position != len(self.tokens):
            raise ValueError(f"unexpected {self.tokens[self.position]}")
        return value

    def _peek(self) -> str | None:
        return self.tokens[self.position][1] if self.position < len(self.tokens) else None

    def _take(self) -> tuple[str, str]:
        self.position += 1
        return self.tokens[self.position - 1]

    def _or(self) -> Any:
        value = self._and()
        while self._peek() == "||":
            self._take()
            right = self._and()
            value = value if truthy(value) else right
        return value

    def _and(self) -> Any:
        value = self._compare()
        while self._peek() == "&&":
            self._take()
            right = self._compare()
            value = right if truthy(value) else value
        return value

    def _compare(self) -> Any:
        value = self._unary()
        if self._peek() in ("==", "!="):
            operator = self._take()[1]
            equal = _equal(value, self._unary())
            return equal if operator == "==" else not equal
        return value

    def _unary(self) -> Any:
        if self._peek() == "!":
            self._take()
            return not truthy(self._unary())
        return self._primary()

    def _primary(self) -> Any:
        kind, text = self._take()
        if text == "(":
            value = self._or()
            self._take()
            return value
        if kind == "string":
            return text[1:-1].replace("''", "'")
        if kind == "number":
            return float(text)
        if text in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[text]
        if self._peek() == "(":
            self._take()
            self._take()  # the status functions take no argument
            if text not in _STATUS:
                raise ValueError(f"function {text} is not supported here")
            return self.status[text]
        value: Any = self.context
        for part in text.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        return value


def evaluate(text: str, context: Mapping[str, Any], status: Mapping[str, bool] | None = None) -> Any:
    """The value of the expression ``text`` (without ``${{ }}``)."""
    return Expression(text, context, status or {"always": True, "success": True, "failure": False,
                                                  "cancelled": False}).evaluate()


def as_string(value: Any) -> str:
    """A value as it is substituted into a string."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def substitute(text: str, context: Mapping[str, Any]) -> str:
    """``text`` with each ``${{ expression }}`` replaced by its value."""
    return re.sub(r"\$\{\{(.*?)\}\}", lambda match: as_string(evaluate(match[1], context)), text)


# --- The runner ------------------------------------------------------------------------------------------------


@dataclass
class Step:
    """What one step of a run did."""

    name: str
    status: str  # success, failure or skipped
    outputs: dict[str, str] = field(default_factory=dict)
    output: str = ""
    uses: str | None = None
    inputs: dict[str, str] = field(default_factory=dict)


@dataclass
class Run:
    """A run of an action: its steps, its log, its job summary, its outputs and what it left for later steps."""

    steps: list[Step]
    log: str
    summary: str
    outputs: dict[str, str]
    env_file: str
    path_file: str

    @property
    def failed(self) -> bool:
        return any(step.status == "failure" for step in self.steps)

    def step(self, name: str) -> Step:
        return next(step for step in self.steps if step.name == name)


def _parse_outputs(text: str) -> dict[str, str]:
    """The ``name=value`` lines and ``name<<DELIMITER`` blocks of a GITHUB_OUTPUT or GITHUB_ENV file."""
    values, lines, index = {}, text.splitlines(), 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            while lines[index] != delimiter:
                block.append(lines[index])
                index += 1
            index += 1
            values[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


#: The keys of a composite action's step that ``run_action`` does what a runner does with.
_STEP_KEYS = {"name", "id", "if", "uses", "with", "shell", "env", "run"}


def run_action(
    action_dir: Path, workspace: Path, temp: Path, inputs: Mapping[str, str] | None = None, *,
    event_name: str = "push", event: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None,
    stand_ins: Mapping[str, StandIn] | None = None, action_repository: str = "", action_ref: str = "",
) -> Run:
    """Run the composite action in ``action_dir`` as a runner would, in ``workspace``, with ``temp`` as RUNNER_TEMP."""
    action = yaml.safe_load((action_dir / "action.yml").read_text(encoding="utf-8"))
    declared = action.get("inputs", {})
    unknown = set(inputs or {}) - set(declared)
    if unknown:
        raise AssertionError(f"inputs the action does not declare: {sorted(unknown)}")
    values = {name: str(spec.get("default", "")) for name, spec in declared.items()}
    values.update(inputs or {})
    temp.mkdir(parents=True, exist_ok=True)
    commands = temp / "_runner_file_commands"
    commands.mkdir(exist_ok=True)
    event_path = temp / "_github_workflow" / "event.json"
    event_path.parent.mkdir(exist_ok=True)
    event_path.write_text(json.dumps(dict(event or {})), encoding="utf-8")
    github = {
        "action_path": str(action_dir), "workspace": str(workspace), "event_name": event_name,
        "event": dict(event or {}), "server_url": "https://github.com", "repository": "newsroom/site",
        "action_repository": action_repository, "action_ref": action_ref,
        "sha": git(workspace, "rev-parse", "HEAD").strip(),
    }
    base_env = clean_environment({
        "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace), "GITHUB_EVENT_NAME": event_name,
        "GITHUB_EVENT_PATH": str(event_path), "GITHUB_ACTION_PATH": str(action_dir), "GITHUB_SHA": github["sha"],
        "GITHUB_REPOSITORY": github["repository"], "GITHUB_SERVER_URL": github["server_url"],
        "RUNNER_TEMP": str(temp), "RUNNER_OS": "Linux",
    })
    base_env.update(env or {})
    context: dict[str, Any] = {"inputs": values, "github": github, "runner": {"os": "Linux", "temp": str(temp)},
                               "steps": {}, "env": {}}
    steps: list[Step] = []
    logs, summaries, env_lines, path_lines = [], [], [], []
    added_env: dict[str, str] = {}
    added_path: list[str] = []
    for number, spec in enumerate(action["runs"]["steps"]):
        name = spec.get("name") or spec.get("uses") or f"step {number}"
        unread = set(spec) - _STEP_KEYS
        assert not unread, f"step {name!r}: this runner does not do {sorted(unread)}"
        condition = str(spec.get("if", "success()")).strip()
        if condition.startswith("${{"):
            condition = condition[3:-2]
        if not any(re.search(rf"\b{function}\(", condition) for function in _STATUS):
            condition = f"success() && ({condition})"
        failed = any(step.status == "failure" for step in steps)
        status = {"always": True, "success": not failed, "failure": failed, "cancelled": False}
        if not truthy(evaluate(condition, context, status)):
            steps.append(Step(name, "skipped", uses=spec.get("uses")))
            context["steps"][spec.get("id", f"__{number}")] = {"outputs": {}, "outcome": "skipped",
                                                               "conclusion": "skipped"}
            continue
        if "uses" in spec:
            given = spec.get("with") or {}
            with_values = {key: substitute(as_string(value), context) for key, value in given.items()}
            target = str(spec["uses"]).split("@")[0]
            if target not in (stand_ins or {}):
                raise AssertionError(f"step {name!r} uses {spec['uses']}: the test gives no stand-in for it")
            outputs = (stand_ins or {})[target](with_values)
            step = Step(name, "success", outputs, uses=spec["uses"], inputs=with_values)
        else:
            files = {kind: commands / f"{kind}_{number}" for kind in ("output", "env", "path", "step_summary")}
            for file in files.values():
                file.write_text("", encoding="utf-8")
            step_env = {**base_env, **added_env,
                        "GITHUB_OUTPUT": str(files["output"]), "GITHUB_ENV": str(files["env"]),
                        "GITHUB_PATH": str(files["path"]), "GITHUB_STEP_SUMMARY": str(files["step_summary"])}
            step_env["PATH"] = os.pathsep.join([*reversed(added_path), base_env["PATH"]])
            step_env.update({key: substitute(as_string(value), context)
                             for key, value in (spec.get("env") or {}).items()})
            assert spec.get("shell") == "bash", f"step {name!r}: a composite run step names its shell"
            script = temp / f"_step_{number}.sh"
            script.write_text(str(spec["run"]), encoding="utf-8")
            result = subprocess.run([BASH or "bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                                    cwd=workspace, env=step_env, capture_output=True, text=True, timeout=900,
                                    check=False)
            logs.append(result.stdout + result.stderr)
            outputs = _parse_outputs(files["output"].read_text(encoding="utf-8"))
            summaries.append(files["step_summary"].read_text(encoding="utf-8"))
            env_text, path_text = files["env"].read_text(encoding="utf-8"), files["path"].read_text(encoding="utf-8")
            env_lines.append(env_text)
            path_lines.append(path_text)
            added_env.update(_parse_outputs(env_text))
            added_path += [line for line in path_text.splitlines() if line]
            step = Step(name, "success" if result.returncode == 0 else "failure", outputs,
                        result.stdout + result.stderr)
        steps.append(step)
        context["steps"][spec.get("id", f"__{number}")] = {"outputs": step.outputs, "outcome": step.status,
                                                           "conclusion": step.status}
    outputs = {name: substitute(str(spec.get("value", "")), context)
               for name, spec in (action.get("outputs") or {}).items()}
    return Run(steps, "".join(logs), "".join(summaries), outputs, "".join(env_lines), "".join(path_lines))


# --- Repositories -----------------------------------------------------------------------------------------------


def source_files(root: Path) -> list[str]:
    """The files of a work tree that git tracks or would track (untracked ones not ignored too)."""
    listed = git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    return sorted(name for name in set(listed.split("\0")) if name and (root / name).is_file())


def publish(root: Path, dest: Path) -> Path:
    """A repository at ``dest`` that stands for the published one: the work tree of ``root`` as it is
    now, committed on branch ``main``, with the tags ``root`` has; it answers fetches by commit."""
    dest.mkdir(parents=True)
    for name in source_files(root):
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "config", "uploadpack.allowAnySHA1InWant", "true")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "provenance as checked out")
    for tag in git(root, "tag", "--list").split():
        git(dest, "tag", tag)
    return dest


def archive(repository: Path, ref: str, dest: Path) -> Path:
    """The tree of ``ref`` in ``repository`` unpacked at ``dest``, as a runner downloads an action; an
    AssertionError when the repository has no such ref."""
    try:
        commit = git(repository, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except subprocess.CalledProcessError:
        raise AssertionError(f"{ref!r} is no branch, tag or commit of the repository") from None
    data = subprocess.run([GIT or "git", "archive", "--format=tar", commit], cwd=repository, check=True,
                          capture_output=True).stdout
    dest.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def make_site(path: Path, articles: Mapping[str, str]) -> Path:
    """A site's git repository at ``path`` with ``articles`` (name → text) in one commit on main."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    for name, text in articles.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "articles")
    return path


# --- Offline pip ------------------------------------------------------------------------------------------------


def _dependency_site(dest: Path) -> Path:
    """A folder with provenance's dependencies linked in (packages and their dist-info), not provenance itself."""
    dest.mkdir(parents=True, exist_ok=True)
    todo, seen = [Requirement("provenance")], set()
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        distribution = importlib.metadata.distribution(requirement.name)
        for text in distribution.requires or []:
            needed = Requirement(text)
            extras = requirement.extras or {""}
            if needed.marker is None or any(needed.marker.evaluate({"extra": extra}) for extra in extras):
                todo.append(needed)
        if name == "provenance":
            continue
        for top in {file.parts[0] for file in distribution.files or () if file.parts[0] not in ("..", "__pycache__")}:
            source = Path(str(distribution.locate_file(top)))
            if source.exists() and not (dest / top).exists():
                (dest / top).symlink_to(source)
    return dest


def _setuptools_wheels() -> Path | None:
    spec = importlib.util.find_spec("virtualenv")
    if spec is None or spec.origin is None:
        return None
    embed = Path(spec.origin).parent / "seed" / "wheels" / "embed"
    return embed if any(embed.glob("setuptools-*.whl")) else None


def offline_pip(base: Path) -> dict[str, str] | None:
    """The environment that lets pip install provenance with no package index (see the module's
    docstring), or None when this interpreter cannot provide it."""
    wheels = _setuptools_wheels()
    if wheels is None:
        return None
    return {
        "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_CACHE_DIR": str(base / "pip-cache"),
        "PYTHONPATH": str(_dependency_site(base / "dependencies")),
    }


def python_bin(base: Path) -> Path:
    """A folder holding ``python3`` and ``python``: the interpreter running the tests, as a job's PATH has it."""
    folder = base / "python-bin"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("python3", "python"):
        if not (folder / name).exists():
            (folder / name).symlink_to(sys.executable)
    return folder


# --- Recipes: the CI setups the documentation gives -------------------------------------------------------------

#: A recipe is the fenced block after ``<!-- recipe: NAME -->`` in README.md or docs/*.md.
_RECIPE = re.compile(r"<!-- recipe: (?P<name>[\w-]+) -->\s*\n```(?P<lang>\w*)\n(?P<text>.*?)\n```", re.DOTALL)
#: How the recipes name this project's repository; tests put a local repository in its place.
PLACEHOLDER = "https://github.com/OWNER/provenance"


@dataclass(frozen=True)
class Recipe:
    """One CI recipe of the documentation."""

    name: str
    lang: str
    text: str
    source: str


def recipes(*documents: Path) -> dict[str, Recipe]:
    """The recipes of ``documents``, by name (a name used twice is an error)."""
    found: dict[str, Recipe] = {}
    for document in documents:
        for match in _RECIPE.finditer(document.read_text(encoding="utf-8")):
            assert match["name"] not in found, f"recipe {match['name']} is named twice"
            found[match["name"]] = Recipe(match["name"], match["lang"], match["text"], document.name)
    return found


def localized(text: str, repository: Path) -> str:
    """``text`` with the placeholder repository replaced by ``repository`` (a file:// URL)."""
    return text.replace(PLACEHOLDER, repository.as_uri()).replace("OWNER/provenance", repository.as_uri())


@dataclass
class JobStep:
    """One step of a workflow's job as the test ran it: a run step, this action, or another action."""

    spec: dict[str, Any]
    status: str
    output: str = ""
    run: Run | None = None


def run_workflow_job(
    workflow: Mapping[str, Any], job: str, *, workspace: Path, temp: Path, published: Path,
    event_name: str, event: Mapping[str, Any], env: Mapping[str, str], stand_ins: Mapping[str, StandIn],
) -> list[JobStep]:
    """Run one job of a workflow: ``run:`` steps in bash (as ``bash -e``), ``uses: OWNER/provenance@REF``
    from ``published`` at REF (missing REF: AssertionError), other ``uses:`` by their stand-ins."""
    done: list[JobStep] = []
    for spec in workflow["jobs"][job]["steps"]:
        if any(step.status == "failure" for step in done):
            done.append(JobStep(spec, "skipped"))
            continue
        uses = str(spec.get("uses", ""))
        if uses.startswith(published.as_uri()):
            ref = uses.rsplit("@", 1)[1]
            action_dir = archive(published, ref, temp / f"action-{len(done)}")
            inputs = {key: as_string(value) for key, value in (spec.get("with") or {}).items()}
            run = run_action(action_dir, workspace, temp, inputs, event_name=event_name, event=event, env=env,
                             stand_ins=stand_ins)
            done.append(JobStep(spec, "failure" if run.failed else "success", run.log, run))
        elif uses:
            target = uses.split("@", maxsplit=1)[0]
            if target not in stand_ins:
                raise AssertionError(f"the workflow uses {uses}: the test gives no stand-in for it")
            stand_ins[target]({key: as_string(value) for key, value in (spec.get("with") or {}).items()})
            done.append(JobStep(spec, "success"))
        else:
            result = subprocess.run([BASH or "bash", "-e", "-c", str(spec["run"])], cwd=workspace, env=dict(env),
                                    capture_output=True, text=True, timeout=900, check=False)
            done.append(JobStep(spec, "success" if result.returncode == 0 else "failure",
                                result.stdout + result.stderr))
    return done


# --- A newsroom's site, and the stand-ins of the actions a job uses ----------------------------------------------

LATE = "https://twitter.com/oshtru/status/1577855540407197696"  # made 2022-10-06
EARLY = "https://twitter.com/jeremycorbyn/status/938406524728291328"  # made 2017-12-06
#: A post made years after the article that cites it (PV101, an error), and one made the day before.
BAD = f"---\ndate: 2019-06-19\n---\nThe mayor [said so]({LATE}).\n"
GOOD = f"---\ndate: 2017-12-07\n---\nThe mayor [said so]({EARLY}).\n"


def new_site(path: Path, articles: Mapping[str, str] | None = None) -> tuple[Path, dict[str, Any]]:
    """A site's repository: a first commit, then a pull request's commit that adds ``articles`` (by
    default a bad and a good one under content/); and the pull_request event's payload."""
    make_site(path, {"README.md": "A newsroom's site.\n"})
    base = git(path, "rev-parse", "HEAD").strip()
    for name, text in (articles or {"content/housing.md": BAD, "content/budget.md": GOOD}).items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "A pull request's articles")
    head = git(path, "rev-parse", "HEAD").strip()
    git(path, "config", "uploadpack.allowAnySHA1InWant", "true")
    return path, {"pull_request": {"number": 1, "base": {"sha": base, "ref": "main"}, "head": {"sha": head}}}


class StandIns(dict[str, StandIn]):
    """Stand-ins for the actions this action and the recipes use, recording what each was given."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, dict[str, str]]] = []
        outputs: dict[str, Callable[[dict[str, str]], dict[str, str]]] = {
            # setup-python with update-environment false: a Python in the tool cache, named in an output only.
            "actions/setup-python": lambda _: {"python-path": sys.executable,
                                               "python-version": ".".join(map(str, sys.version_info[:3]))},
            "actions/cache/restore": lambda _: {"cache-hit": "false"},
            "actions/cache/save": lambda _: {},
            "actions/checkout": lambda _: {},
            "github/codeql-action/upload-sarif": lambda _: {"sarif-id": "1"},
        }
        for target, make in outputs.items():
            self[target] = self._recording(target, make)

    def _recording(self, target: str, make: Callable[[dict[str, str]], dict[str, str]]) -> StandIn:
        def stand_in(values: dict[str, str]) -> dict[str, str]:
            self.calls.append((target, values))
            return make(values)

        return stand_in

    def given(self, target: str) -> list[dict[str, str]]:
        """The ``with:`` values of each call of ``target``."""
        return [values for name, values in self.calls if name == target]


def runner_temp(path: Path, venv: Path) -> Path:
    """A fresh RUNNER_TEMP holding the virtual environment an earlier step of the job installed."""
    path.mkdir(parents=True)
    (path / "provenance-venv").symlink_to(venv, target_is_directory=True)
    return path


ROOT = Path(__file__).resolve().parent.parent
#: The recipe that README.md gives for GitHub: a new repository's first workflow.
README_RECIPE = "readme-github"


@dataclass
class FirstRun:
    """The README's workflow run on a new repository: the job's steps, the stand-ins' calls, the venv installed."""

    steps: list[JobStep]
    stand_ins: StandIns
    venv: Path
    site: Path
    #: The environment the runs of the action get (offline pip: the dependencies on PYTHONPATH).
    env: dict[str, str]

    @property
    def action(self) -> Run:
        (run,) = [step.run for step in self.steps if step.run is not None]
        return run


def first_run(base: Path, published: Path, pip_env: Mapping[str, str]) -> FirstRun:
    """Follow the README on a new repository: its workflow, on a pull request that adds a bad and a
    good article, with nothing installed or cached before; provenance is installed for real."""
    recipe = recipes(ROOT / "README.md")[README_RECIPE]
    workflow = yaml.safe_load(localized(recipe.text, published))
    site, event = new_site(base / "site")
    temp = base / "runner-temp"
    stand_ins = StandIns()
    (job,) = workflow["jobs"]
    steps = run_workflow_job(workflow, job, workspace=site, temp=temp, published=published,
                             event_name="pull_request", event=event, env=pip_env, stand_ins=stand_ins)
    return FirstRun(steps, stand_ins, temp / "provenance-venv", site, dict(pip_env))
