"""The deployment files in deploy/ agree with the local cluster's contract.

The contract: deploy/cluster.env (every setting, by name, with the local
defaults) and endpoints.cluster.yml (what every Rasa replica reads, by those
names). Checked here, by reading the files only (no Docker, no cluster):
deploy/Dockerfile (targets rasa, actions, web), deploy/compose.yaml with
deploy/haproxy.cfg, the Kubernetes manifests in deploy/k8s (every document),
deploy/docker-entrypoint.sh and .dockerignore.
"""

from __future__ import annotations

import ast
import fnmatch
import json
import re
import shlex
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterator, List, Set, Tuple
from urllib.parse import urlsplit

import pytest
import yaml

from tests.support.cluster_settings import cluster_env

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
ENDPOINTS = ROOT / "endpoints.cluster.yml"
DOCKERFILE = DEPLOY / "Dockerfile"
COMPOSE = DEPLOY / "compose.yaml"
HAPROXY = DEPLOY / "haproxy.cfg"
ENTRYPOINT = DEPLOY / "docker-entrypoint.sh"
K8S = DEPLOY / "k8s"
KUSTOMIZATION = K8S / "kustomization.yaml"
SECRET_TEMPLATE = K8S / "secret.template.yaml"
DOCKERIGNORE = ROOT / ".dockerignore"
MAKEFILE = ROOT / "Makefile"

# Our images are named <prefix><Dockerfile target>:<one tag>.
IMAGE_PREFIX = "sarcoma-assistant-"
TARGETS = ("rasa", "actions", "web")
# Each image's listening port, by setting name.
PORT_SETTING = {"rasa": "RASA_CONTAINER_PORT", "actions": "ACTION_PORT", "web": "WEB_PORT"}
# The one setting that is not in deploy/cluster.env, and who may use it.
WEB_ONLY = {"RASA_SOCKET_URL"}
SECRETS = {"DB_PASSWORD", "REDIS_PASSWORD"}
PROBES = {
    "rasa": {"livenessProbe": "/health/live", "readinessProbe": "/health/ready", "startupProbe": "/health/live"},
    "actions": {"livenessProbe": "/health", "readinessProbe": "/health"},
    "web": {"livenessProbe": "/health", "readinessProbe": "/health"},
}
# Docker HEALTHCHECK: "healthy" means ready to serve.
HEALTHCHECK_PATH = {"rasa": "/health/ready", "actions": "/health", "web": "/health"}
# The commands of the contract ($NAME: from the environment).
RASA_COMMAND = (
    "python -m runtime run --model models/assistant.tar.gz --endpoints endpoints.cluster.yml "
    "--credentials credentials.yml --port $RASA_CONTAINER_PORT --response-timeout $TURN_TIMEOUT"
)
ACTIONS_COMMANDS = (
    "rasa run actions --port $ACTION_PORT",
    # What `rasa run actions` runs; the actions image has rasa_sdk only.
    "python -m rasa_sdk --actions actions --port $ACTION_PORT",
)
WEB_COMMAND = "python scripts/serve_web.py --host 0.0.0.0 --port $WEB_PORT --socket-url $RASA_SOCKET_URL"
# Image-internal environment, not settings.
IMAGE_INTERNAL_ENV = {
    "PATH", "PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "PIP_NO_CACHE_DIR",
    "PIP_DISABLE_PIP_VERSION_CHECK", "RASA_TELEMETRY_ENABLED",
}
# Measured locally (resident memory).
RASA_MEMORY_BYTES = 700 * 10**6
ACTIONS_MEMORY_BYTES = 150 * 10**6

NAME_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


# --- the contract ------------------------------------------------------------


def strings_in(node: Any, path: Tuple[Any, ...] = ()) -> Iterator[Tuple[Tuple[Any, ...], str]]:
    """Every string value of a parsed YAML document, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from strings_in(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings_in(value, path + (index,))
    elif isinstance(node, str):
        yield path, node


@lru_cache(maxsize=None)
def endpoint_names() -> Set[str]:
    document = yaml.safe_load(ENDPOINTS.read_text(encoding="utf-8"))
    return {name for _, value in strings_in(document) for name in NAME_REF.findall(value)}


def test_endpoints_read_only_settings_of_cluster_env() -> None:
    names = endpoint_names()
    assert names, f"{ENDPOINTS.name} reads no ${{NAME}} settings"
    assert names <= set(cluster_env()), f"not in deploy/cluster.env: {sorted(names - set(cluster_env()))}"


def test_rasa_expands_every_endpoint_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rasa replaces ${NAME} only in unquoted YAML values: "${DB_HOST}" would stay as it is."""
    from rasa.shared.utils.io import read_config_file

    env = cluster_env()
    for name in endpoint_names():
        monkeypatch.setenv(name, env[name])
    loaded = read_config_file(str(ENDPOINTS))
    raw = yaml.safe_load(ENDPOINTS.read_text(encoding="utf-8"))
    for path, value in strings_in(raw):
        if not NAME_REF.search(value):
            continue
        got: Any = loaded
        for key in path:
            got = got[key]
        expected = NAME_REF.sub(lambda m: env[m.group(1)], value)
        assert got == expected, f"{'.'.join(map(str, path))}: Rasa reads {got!r}, not {expected!r}"


# --- Dockerfile --------------------------------------------------------------


@lru_cache(maxsize=None)
def dockerfile() -> Tuple[Dict[str, str], List[Dict[str, Any]]]:
    """Global ARGs and the stages: name, base, instructions [(KEYWORD, arguments)]."""
    instructions: List[Tuple[str, str]] = []
    current = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        keyword, _, arguments = (current + line).partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        current = ""
    global_args: Dict[str, str] = {}
    stages: List[Dict[str, Any]] = []
    for keyword, arguments in instructions:
        if keyword == "FROM":
            words = [w for w in arguments.split() if not w.startswith("--")]
            base = re.sub(r"\$\{?(\w+)\}?", lambda m: global_args.get(m.group(1), m.group(0)), words[0])
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else ""
            stages.append({"name": name, "base": base, "instructions": []})
        elif not stages and keyword == "ARG":
            name, _, default = arguments.partition("=")
            global_args[name] = default
        else:
            stages[-1]["instructions"].append((keyword, arguments))
    return global_args, stages


def stage(name: str) -> Dict[str, Any]:
    found = [s for s in dockerfile()[1] if s["name"] == name]
    assert len(found) == 1, f"{DOCKERFILE}: {len(found)} stages named {name!r}"
    return found[0]


def stage_chain(name: str) -> List[Dict[str, Any]]:
    """The stage and the stages it is built on, base first."""
    chain = [stage(name)]
    names = {s["name"] for s in dockerfile()[1]}
    while chain[0]["base"] in names:
        chain.insert(0, stage(chain[0]["base"]))
    return chain


def instructions(name: str, keyword: str, inherited: bool = False) -> List[str]:
    stages = stage_chain(name) if inherited else [stage(name)]
    return [args for s in stages for kw, args in s["instructions"] if kw == keyword]


def stage_env(name: str) -> Dict[str, str]:
    env: Dict[str, str] = {}
    for arguments in instructions(name, "ENV", inherited=True):
        for word in shlex.split(arguments):
            key, _, value = word.partition("=")
            env[key] = value
    return env


def expand(value: str, env: Dict[str, str]) -> str:
    return re.sub(r"\$\{?(\w+)\}?", lambda m: env.get(m.group(1), m.group(0)), value)


def image_command(name: str) -> List[str]:
    """The target's CMD as words; `sh -c "exec ..."` is unwrapped."""
    cmds = instructions(name, "CMD")
    assert len(cmds) == 1, f"stage {name}: {len(cmds)} CMD instructions"
    words = json.loads(cmds[0]) if cmds[0].startswith("[") else shlex.split(cmds[0])
    if words[:2] == ["sh", "-c"]:
        words = shlex.split(words[2])
    return words[1:] if words[:1] == ["exec"] else words


def command_parts(words: List[str]) -> Tuple[List[str], Dict[str, str]]:
    """Program and positional words, then --options with their values."""
    head: List[str] = []
    options: Dict[str, str] = {}
    index = 0
    while index < len(words):
        if words[index].startswith("--"):
            options[words[index]] = words[index + 1]
            index += 2
        else:
            assert not options, f"positional word after options: {words}"
            head.append(words[index])
            index += 1
    return head, options


def run_commands(name: str) -> List[List[str]]:
    """Each command of the stage's RUN instructions, as words."""
    return [shlex.split(part) for run in instructions(name, "RUN") for part in run.split("&&")]


def test_dockerfile_has_the_targets_on_python_310_slim() -> None:
    names = [s["name"] for s in dockerfile()[1]]
    for target in TARGETS:
        assert target in names, f"{DOCKERFILE}: no stage (target) {target!r}"
        root = stage_chain(target)[0]["base"]
        assert root.startswith("python:3.10-slim"), f"target {target} is built on {root}, not python:3.10-slim"


@pytest.mark.parametrize("target", TARGETS)
def test_images_run_as_an_unprivileged_user(target: str) -> None:
    users = instructions(target, "USER", inherited=True)
    assert users, f"target {target}: no USER (runs as root)"
    user = users[-1].split(":")[0]
    assert user not in ("0", "root"), f"target {target} runs as {users[-1]}"
    # Kubernetes' runAsNonRoot can only verify a numeric user.
    assert user.isdigit(), f"target {target}: USER {users[-1]} is not numeric"


@pytest.mark.parametrize("target", TARGETS)
def test_images_expose_their_port_and_default_it_like_cluster_env(target: str) -> None:
    setting = PORT_SETTING[target]
    env = stage_env(target)
    assert env.get(setting) == cluster_env()[setting], f"target {target}: ENV {setting}={env.get(setting)}"
    exposed = {expand(word, env) for args in instructions(target, "EXPOSE") for word in args.split()}
    assert exposed == {cluster_env()[setting]}, f"target {target} exposes {exposed}, not {setting}"


@pytest.mark.parametrize("target", TARGETS)
def test_image_environment_uses_only_cluster_env_names(target: str) -> None:
    allowed = set(cluster_env()) | IMAGE_INTERNAL_ENV | (WEB_ONLY if target == "web" else set())
    unknown = set(stage_env(target)) - allowed
    assert not unknown, f"target {target}: ENV names not in deploy/cluster.env: {sorted(unknown)}"
    assert not set(stage_env(target)) & SECRETS, f"target {target}: a password in ENV"


@pytest.mark.parametrize("target", TARGETS)
def test_image_healthchecks_use_the_probe_paths(target: str) -> None:
    checks = instructions(target, "HEALTHCHECK")
    assert len(checks) == 1, f"target {target}: {len(checks)} HEALTHCHECK instructions"
    url = re.search(r"http://127\.0\.0\.1:[^/'\"]*(/[\w/.-]*)", checks[0])
    assert url and url.group(1) == HEALTHCHECK_PATH[target], f"target {target}: HEALTHCHECK {checks[0]}"
    assert PORT_SETTING[target] in checks[0], f"target {target}: HEALTHCHECK not on ${PORT_SETTING[target]}"


def test_image_commands_are_the_contracts() -> None:
    assert command_parts(image_command("rasa")) == command_parts(shlex.split(RASA_COMMAND))
    assert command_parts(image_command("actions")) in [command_parts(shlex.split(c)) for c in ACTIONS_COMMANDS]
    assert command_parts(image_command("web")) == command_parts(shlex.split(WEB_COMMAND))
    assert stage_env("web").get("RASA_SOCKET_URL"), "target web: no default RASA_SOCKET_URL"


@lru_cache(maxsize=None)
def makefile_rules() -> Dict[str, List[List[str]]]:
    """Each rule's recipe commands, as words (variables left as $(NAME))."""
    rules: Dict[str, List[List[str]]] = {}
    target = None
    current = ""
    for line in MAKEFILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("\t") and target:
            current += line.strip()
            if current.endswith("\\"):
                current = current[:-1] + " "
                continue
            rules[target].append(shlex.split(current))
            current = ""
        elif re.match(r"^[^\s#][^=]*:(?!=)", line):
            target = line.split(":")[0].strip()
            rules[target] = []
        else:
            target = None
    return rules


def makefile_variable(name: str) -> str:
    match = re.search(rf"^{name}\s*:?=\s*(.+)$", MAKEFILE.read_text(encoding="utf-8"), re.M)
    assert match, f"Makefile: no variable {name}"
    return match.group(1).strip()


def test_the_model_is_built_like_make_train() -> None:
    """The spaCy pipeline and the model: the Makefile's recipes, run in the image build."""
    spacy_dir = str(Path(makefile_variable("SPACY_MODEL")).parent)
    model = makefile_variable("MODEL")
    [spacy_recipe] = makefile_rules()["$(SPACY_MODEL)"]
    train_recipe = next(c for c in makefile_rules()["$(MODEL)"] if c[:2] == ["$(RASA)", "train"])
    builders = [s["name"] for s in dockerfile()[1]
                if s["name"] and any(c[:1] == ["rasa"] for c in run_commands(s["name"]))]
    assert len(builders) == 1, f"{DOCKERFILE}: the model is trained in {builders}"
    commands = run_commands(builders[0])
    assert ["python", *spacy_recipe[1:]] in commands, f"no `{' '.join(spacy_recipe)}` in the build"
    assert ["rasa", *train_recipe[1:]] in commands, f"no `{' '.join(train_recipe)}` in the build"
    # The rasa image takes both from that stage; config.yml loads the pipeline from there.
    copies = [shlex.split(c) for c in instructions("rasa", "COPY")]
    assert ["--from=" + builders[0], f"/app/{spacy_dir}", spacy_dir] in copies
    assert ["--from=" + builders[0], f"/app/{model}", model] in copies
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    assert {c.get("model") for c in config["pipeline"] if c["name"] == "SpacyNLP"} == {spacy_dir}
    for name in ("rasa", builders[0]):
        assert instructions(name, "WORKDIR", inherited=True)[-1] == "/app", f"stage {name}: not in /app"


def test_requirements_are_installed_like_make_install() -> None:
    [pip_upgrade] = [c for c in makefile_rules()["$(VENV)/.installed"] if "--upgrade" in c]
    pip_pin = pip_upgrade[-1].strip('"')
    build = " ".join(" ".join(c) for c in run_commands("rasa-deps"))
    assert pip_pin in build, f"rasa-deps does not install {pip_pin} like the Makefile"
    assert re.search(r"-r \S*requirements\S*\.txt -c \S*constraints\.txt", build), "not -r requirements -c constraints"
    assert any("requirements.txt constraints.txt" in args for args in instructions("rasa-deps", "COPY"))


def third_party_imports(path: Path) -> Set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return {root for root in roots if root not in sys.stdlib_module_names and root != "__future__"}


def test_the_action_image_has_what_the_actions_import() -> None:
    """The actions image installs rasa-sdk only: the actions and the domain
    package must import nothing else."""
    ours = {"actions", "assistant", "rasa_sdk"}
    files = [*(ROOT / "actions").rglob("*.py"), *(ROOT / "assistant").rglob("*.py")]
    imported = set().union(*(third_party_imports(p) for p in files))
    assert imported <= ours, f"actions import {sorted(imported - ours)}"
    copied = [args for args in instructions("actions", "COPY")]
    assert any(a.startswith("assistant/") for a in copied) and any(a.startswith("actions/") for a in copied)
    installs = " ".join(" ".join(c) for c in run_commands("actions-deps"))
    assert "^rasa-sdk==" in installs and "requirements" in installs and "constraints.txt" in installs


def test_the_web_image_has_what_the_page_server_imports() -> None:
    """The web image has Python and assistant/ only: serve_web.py and assistant.facts need nothing else."""
    assert third_party_imports(ROOT / "scripts" / "serve_web.py") <= {"assistant"}
    seen: Set[Path] = set()
    todo = [ROOT / "assistant" / "__init__.py", ROOT / "assistant" / "facts.py"]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            modules = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module]
            for module in modules:
                root = module.split(".")[0]
                if root == "assistant":
                    file = ROOT.joinpath(*module.split(".")).with_suffix(".py")
                    todo.append(file if file.exists() else ROOT.joinpath(*module.split("."), "__init__.py"))
                else:
                    assert root in sys.stdlib_module_names or root == "__future__", f"{path} imports {module}"
    copied = {shlex.split(c)[0] for c in instructions("web", "COPY") if not c.startswith("--")}
    assert {"assistant/", "web/", "scripts/serve_web.py"} <= copied


def test_the_entrypoint_turns_compose_secrets_into_the_password_settings() -> None:
    text = ENTRYPOINT.read_text(encoding="utf-8")
    loop = re.search(r"^for name in ([A-Z_ ]+); do$", text, re.M)
    assert loop and set(loop.group(1).split()) == SECRETS, "deploy/docker-entrypoint.sh: not the password names"
    assert 'file="/run/secrets/$name"' in text and 'export "$name=$value"' in text and 'exec "$@"' in text
    assert instructions("rasa", "ENTRYPOINT", inherited=True)[-1] == '["/usr/local/bin/docker-entrypoint.sh"]'
    assert any(ENTRYPOINT.name in c and "/usr/local/bin/docker-entrypoint.sh" in c
               for c in instructions("rasa", "COPY", inherited=True))


def dockerignored(path: str) -> bool:
    """Whether .dockerignore leaves `path` out of the build context (last matching pattern wins)."""
    excluded = False
    for raw in DOCKERIGNORE.read_text(encoding="utf-8").splitlines():
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").strip("/")
        parts = path.split("/")
        prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
        suffixes = ["/".join(parts[j:i]) for i in range(1, len(parts) + 1) for j in range(i)]
        if pattern.startswith("**/"):
            matched = any(fnmatch.fnmatchcase(s, pattern[3:]) for s in suffixes)
        else:
            matched = any(fnmatch.fnmatchcase(p, pattern) for p in prefixes)
        if matched:
            excluded = not negate
    return excluded


def runtime_packages() -> Set[str]:
    """Top-level packages Rasa loads by name: pipeline components, channels, stores."""
    names = [c["name"] for c in yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]]
    names += list(yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8")))
    names += [v for p, v in strings_in(yaml.safe_load(ENDPOINTS.read_text(encoding="utf-8"))) if p[-1] == "type"]
    return {name.split(".")[0] for name in names if "." in name}


def test_dockerignore_keeps_the_sources_and_drops_local_state() -> None:
    needed = ["requirements.txt", "constraints.txt", "package.json", "package-lock.json", "config.yml",
              "domain.yml", "credentials.yml", "endpoints.cluster.yml", "deploy/docker-entrypoint.sh",
              "scripts/build_spacy_model.py", "scripts/serve_web.py", "web/index.html"]
    # The actions (action server, web page) and the packages the components import.
    needed += [str(p.relative_to(ROOT)) for p in (ROOT / "actions").rglob("*.py")]
    needed += [str(p.relative_to(ROOT)) for p in (ROOT / "data").glob("*.yml")]
    needed += [str(p.relative_to(ROOT)) for p in (ROOT / "safety").rglob("*") if p.is_file()
               and "__pycache__" not in p.parts]
    for package in sorted(runtime_packages()):
        assert (ROOT / package / "__init__.py").exists(), f"Rasa loads {package}.*, which is not a package here"
        needed += [str(p.relative_to(ROOT)) for p in (ROOT / package).glob("*.py")]
    for arguments in (a for s in dockerfile()[1] for kw, a in s["instructions"] if kw == "COPY"):
        words = shlex.split(arguments)
        if not any(w.startswith("--from=") for w in words):
            needed += [w.rstrip("/") for w in words[:-1] if not w.startswith("--") and w != "."]
    left_out = [p for p in needed if dockerignored(p)]
    assert not left_out, f".dockerignore leaves out what the images need: {left_out}"
    private = [".git/HEAD", ".venv/bin/python", "node_modules/socket.io-client/package.json",
               "deploy/secrets/DB_PASSWORD", "deploy/secrets/REDIS_PASSWORD", "models/assistant.tar.gz",
               "build/spacy-en/meta.json", "var/conversations.db", "results/nlu/summary.md",
               "actions/__pycache__/facts.cpython-310.pyc"]
    sent = [p for p in private if not dockerignored(p)]
    assert not sent, f".dockerignore sends local state or secrets to the build: {sent}"


# --- Compose -----------------------------------------------------------------

INTERPOLATION = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}")


@lru_cache(maxsize=None)
def compose() -> Dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def interpolations(value: str) -> Iterator[Tuple[str, str, str]]:
    for match in INTERPOLATION.finditer(value):
        if match.group(1):
            yield match.group(1), match.group(2) or "", match.group(3) or ""


def interpolate(value: Any) -> str:
    """The value as Compose resolves it with deploy/cluster.env as the env file."""
    env = cluster_env()

    def one(match: "re.Match[str]") -> str:
        if match.group(0) == "$$":
            return "$"
        name, op, default = match.group(1), match.group(2) or "", match.group(3) or ""
        if op == ":-" and not env.get(name):
            return default
        return env.get(name, default if op == "-" else "")

    return INTERPOLATION.sub(one, str(value))


def service_env(service: Dict[str, Any]) -> Dict[str, str]:
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.partition("=")[::2] for item in environment)
    return {key: "" if value is None else str(value) for key, value in environment.items()}


def built_services() -> Dict[str, Tuple[str, Dict[str, Any]]]:
    """Dockerfile target -> (service name, service) for the services Compose builds."""
    found: Dict[str, Tuple[str, Dict[str, Any]]] = {}
    for name, service in compose()["services"].items():
        if "build" in service:
            target = service["build"].get("target")
            assert target not in found, f"two services build target {target}"
            found[target] = (name, service)
    return found


def service_by_image(prefix: str) -> Tuple[str, Dict[str, Any]]:
    found = [(n, s) for n, s in compose()["services"].items() if str(s.get("image", "")).startswith(prefix)]
    assert len(found) == 1, f"{COMPOSE}: {len(found)} services with image {prefix}*"
    return found[0]


def image_tag() -> str:
    return str(built_services()["rasa"][1]["image"]).rpartition(":")[2]


def test_compose_uses_only_cluster_env_names_with_its_defaults() -> None:
    env = cluster_env()
    for path, value in strings_in(compose()):
        for name, op, default in interpolations(value):
            where = ".".join(map(str, path))
            assert name in env, f"{where}: ${{{name}}} is not in deploy/cluster.env"
            assert op in (":-", "-"), f"{where}: ${{{name}}} has no default"
            assert default == env[name], f"{where}: default {default!r} for {name}, cluster.env has {env[name]!r}"


def test_compose_builds_every_target_and_names_the_images_after_them() -> None:
    targets = {s["name"] for s in dockerfile()[1]}
    assert set(built_services()) == set(TARGETS)
    for target, (name, service) in built_services().items():
        build = service["build"]
        context = (COMPOSE.parent / build["context"]).resolve()
        assert context == ROOT, f"service {name}: build context {context}"
        assert (context / build["dockerfile"]).resolve() == DOCKERFILE, f"service {name}: not deploy/Dockerfile"
        assert target in targets
        assert service["image"] == f"{IMAGE_PREFIX}{target}:{image_tag()}", f"service {name}: image {service['image']}"


def test_compose_services_set_only_cluster_env_names() -> None:
    for target, (name, service) in built_services().items():
        allowed = set(cluster_env()) | (WEB_ONLY if target == "web" else set())
        unknown = set(service_env(service)) - allowed
        assert not unknown, f"service {name}: not in deploy/cluster.env: {sorted(unknown)}"
    for name, service in compose()["services"].items():
        for key, value in service_env(service).items():
            names = {n for n, _, _ in interpolations(value)}
            assert names <= set(cluster_env()), f"service {name}: {key} uses {sorted(names)}"


def test_compose_gives_rasa_every_endpoint_setting() -> None:
    name, rasa = built_services()["rasa"]
    env = {key: interpolate(value) for key, value in service_env(rasa).items()}
    from_secrets = set(rasa.get("secrets") or [])
    missing = endpoint_names() - set(env) - from_secrets
    assert not missing, f"service {name} lacks {sorted(missing)}, which endpoints.cluster.yml reads"
    # The hosts are the services; everything else is cluster.env's value.
    postgres, _ = service_by_image("postgres:15")
    redis, _ = service_by_image("redis:7")
    actions, _ = built_services()["actions"]
    assert env["DB_HOST"] == postgres and env["REDIS_HOST"] == redis
    action_url = urlsplit(env["ACTION_SERVER_URL"])
    local_url = urlsplit(cluster_env()["ACTION_SERVER_URL"])
    assert (action_url.hostname, str(action_url.port), action_url.path) == (
        actions, cluster_env()["ACTION_PORT"], local_url.path)
    for key in sorted(set(env) - {"DB_HOST", "REDIS_HOST", "ACTION_SERVER_URL"}):
        assert env[key] == cluster_env().get(key), f"service {name}: {key}={env[key]!r}, cluster.env differs"
    assert "WEB_PORT" in env and "WEB_ORIGINS" in env, "the socket.io channel's origins need WEB_PORT, WEB_ORIGINS"


def test_compose_passwords_are_secrets_never_values() -> None:
    secrets = compose().get("secrets") or {}
    assert set(secrets) == SECRETS
    ignored = (DEPLOY / ".gitignore").read_text(encoding="utf-8").split()
    for secret in secrets.values():
        file = (COMPOSE.parent / secret["file"]).resolve()
        assert file.parent == DEPLOY / "secrets" and "/secrets/" in ignored, f"{file} is not git-ignored"
    for name, service in compose()["services"].items():
        for key, value in service_env(service).items():
            if "PASSWORD" in key:
                assert key.endswith("_FILE") and value.startswith("/run/secrets/"), f"service {name}: {key}={value}"
    assert set(built_services()["rasa"][1]["secrets"]) == SECRETS


def test_compose_ports_and_replicas_are_cluster_envs() -> None:
    env = cluster_env()
    for target in TARGETS:
        name, service = built_services()[target]
        assert interpolate(service_env(service).get(PORT_SETTING[target])) == env[PORT_SETTING[target]], name
    rasa = built_services()["rasa"][1]
    assert "ports" not in rasa, "the replicas are reached through the balancer only"
    assert interpolate(rasa["deploy"]["replicas"]) == env["RASA_REPLICAS"]
    web = built_services()["web"][1]
    assert [interpolate(p).rsplit(":", 1)[1] for p in web["ports"]] == [env["WEB_PORT"]]
    socket_url = urlsplit(interpolate(service_env(web)["RASA_SOCKET_URL"]))
    assert str(socket_url.port) == env["BALANCER_PORT"], "the page must send the browser to the balancer"
    _, balancer = service_by_image("haproxy:")
    assert [interpolate(p).rsplit(":", 1)[1] for p in balancer["ports"]] == [env["BALANCER_PORT"]]
    assert [interpolate(p).split(":")[-2] for p in balancer["ports"]] == [env["BALANCER_PORT"]]


def test_compose_datastores_have_volumes_and_healthchecks() -> None:
    volumes = set(compose().get("volumes") or {})
    for prefix in ("postgres:15", "redis:7"):
        name, service = service_by_image(prefix)
        assert service.get("healthcheck", {}).get("test"), f"service {name}: no healthcheck"
        mounted = {str(v).split(":")[0] for v in service.get("volumes", [])}
        assert mounted & volumes, f"service {name}: no named volume"
        assert built_services()["rasa"][1]["depends_on"][name] == {"condition": "service_healthy"}
    _, postgres = service_by_image("postgres:15")
    pg_env = {k: interpolate(v) for k, v in service_env(postgres).items()}
    assert (pg_env["POSTGRES_DB"], pg_env["POSTGRES_USER"], pg_env["PGPORT"]) == (
        cluster_env()["DB_NAME"], cluster_env()["DB_USER"], cluster_env()["DB_PORT"])
    assert pg_env["POSTGRES_PASSWORD_FILE"] == "/run/secrets/DB_PASSWORD"


# --- the balancer (Compose) --------------------------------------------------


@lru_cache(maxsize=None)
def haproxy() -> List[Tuple[str, str, List[List[str]]]]:
    """Sections of haproxy.cfg: (kind, name, directives as words)."""
    sections: List[Tuple[str, str, List[List[str]]]] = []
    for raw in HAPROXY.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        words = shlex.split(line)
        if raw[0].isspace():
            sections[-1][2].append(words)
        else:
            sections.append((words[0], words[1] if len(words) > 1 else "", []))
    return sections


def haproxy_seconds(value: str) -> float:
    number, unit = re.fullmatch(r"(\d+)(us|ms|s|m|h|d)?", value).groups()  # type: ignore[union-attr]
    return int(number) * {"us": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1e-3}[unit]


def test_balancer_checks_readiness_and_keeps_socketio_sticky() -> None:
    env = cluster_env()
    _, balancer = service_by_image("haproxy:")
    mounts = {str(v).split(":")[0]: str(v).split(":")[1] for v in balancer["volumes"]}
    assert (COMPOSE.parent / "haproxy.cfg").resolve() == HAPROXY
    assert mounts.get("./haproxy.cfg") == "/usr/local/etc/haproxy/haproxy.cfg"
    used = {name for _, _, body in haproxy() for words in body for w in words for name in NAME_REF.findall(w)}
    assert used <= set(service_env(balancer)) <= set(env), f"haproxy.cfg uses {sorted(used)}"

    frontends = [s for s in haproxy() if s[0] == "frontend"]
    assert len(frontends) == 1
    directives = frontends[0][2]
    assert ["bind", "*:${BALANCER_PORT}"] in directives
    acls = {d[1]: d[2:] for d in directives if d[0] == "acl"}
    socketio = [d[1] for d in directives if d[0] == "use_backend" and acls.get(d[-1]) == ["path_beg", "/socket.io/"]]
    assert len(socketio) == 1, "no use_backend for path_beg /socket.io/"
    backends = {name: body for kind, name, body in haproxy() if kind == "backend"}
    cookie = [d for d in backends[socketio[0]] if d[0] == "cookie"]
    assert cookie and "insert" in cookie[0], f"backend {socketio[0]} is not sticky (cookie ... insert)"

    rasa_service, _ = built_services()["rasa"]
    for name, body in backends.items():
        servers = [d for d in body if d[0] in ("server", "server-template")]
        assert servers, f"backend {name}: no servers"
        assert ["http-check", "send", "meth", "GET", "uri", "/health/ready"] in body or [
            "option", "httpchk", "GET", "/health/ready"] in body, f"backend {name} does not check /health/ready"
        for server in servers:
            address = server[3] if server[0] == "server-template" else server[2]
            assert address == f"{rasa_service}:${{RASA_CONTAINER_PORT}}", f"backend {name}: {address}"
            assert "check" in server, f"backend {name}: server without health check"
            if server[0] == "server-template":
                assert int(server[2]) >= int(env["RASA_REPLICAS"])
    timeouts = {d[1]: haproxy_seconds(d[2]) for kind, _, body in haproxy() for d in body
                if d[0] == "timeout" and "$" not in d[2]}
    assert timeouts["server"] > int(env["TURN_TIMEOUT"]), "a turn may take TURN_TIMEOUT seconds"
    assert timeouts.get("tunnel", 0) >= 600, "WebSockets need a long tunnel timeout"


def test_balancer_errors_are_the_replicas_json_error(monkeypatch) -> None:
    """With no replica to answer, REST clients get what a replica says: busy
    (503, Retry-After BUSY_RETRY_AFTER) or a failed turn (502, 504)."""
    from channels.rest import BUSY, TURN_FAILED, balancer_error_page

    monkeypatch.setenv("BUSY_RETRY_AFTER", cluster_env()["BUSY_RETRY_AFTER"])
    _, balancer = service_by_image("haproxy:")
    mounts = dict(str(v).rsplit(":", 1)[0].split(":", 1) for v in balancer["volumes"])
    errorfiles = [d for _, _, body in haproxy() for d in body if d[0] == "errorfile"]
    assert {d[1] for d in errorfiles} == {"502", "503", "504"}
    for _, code, path in errorfiles:
        folder, _, name = path.rpartition("/")
        [local] = [k for k, v in mounts.items() if v == folder]
        text = (COMPOSE.parent / local / name).read_bytes().decode("utf-8")
        assert text == balancer_error_page(int(code)), f"{path}: not channels/rest.py's balancer_error_page"
        head, _, body = text.partition("\r\n\r\n")
        assert head.startswith(f"HTTP/1.1 {code} ") and "Content-Type: application/json" in head, path
        assert json.loads(body) == {"error": BUSY if code == "503" else TURN_FAILED}, path
    assert "Retry-After: 2" in balancer_error_page(503)


def test_balancer_admission_matches_the_local_cluster() -> None:
    """Compose's balancer queues and limits as scripts/run_cluster.sh's does."""
    local = (ROOT / "scripts" / "run_cluster.sh").read_text(encoding="utf-8")
    words = [w for _, _, body in haproxy() for d in body for w in d]
    timeouts = {d[1]: d[2] for _, _, body in haproxy() for d in body if d[0] == "timeout"}
    assert timeouts["queue"] == "${TURN_QUEUE_MS}ms" and "timeout queue ${TURN_QUEUE_MS}ms" in local
    assert timeouts["check"] == "2s" and "timeout check 2s" in local
    backends = {name: body for kind, name, body in haproxy() if kind == "backend"}
    rest = [w for d in backends["rasa_rest"] for w in d]
    assert "${RASA_MAX_TURNS}" in rest and "maxconn $RASA_MAX_TURNS" in local
    assert "maxconn" not in [w for d in backends["rasa_socketio"] for w in d], "WebSockets would take the slots"
    for setting in ("observe layer4", "error-limit 1", "on-error mark-down", "inter 500ms", "fall 2"):
        assert setting in local and setting in " ".join(words), setting
    assert "set-priority-class" in words and "http-request set-priority-class int(-1) if is_retry" in local
    assert "${TURN_QUEUE_DEPTH}" in words and "avg_queue(rasa) ge $TURN_QUEUE_DEPTH" in local


# --- Kubernetes --------------------------------------------------------------


@lru_cache(maxsize=None)
def kustomization() -> Dict[str, Any]:
    return yaml.safe_load(KUSTOMIZATION.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def manifests() -> Tuple[Dict[str, Any], ...]:
    """Every document of every file kustomization.yaml applies."""
    documents: List[Dict[str, Any]] = []
    for resource in kustomization()["resources"]:
        documents += [d for d in yaml.safe_load_all((K8S / resource).read_text(encoding="utf-8")) if d]
    return tuple(documents)


def objects(kind: str) -> List[Dict[str, Any]]:
    return [d for d in manifests() if d["kind"] == kind]


def one(kind: str, name: str) -> Dict[str, Any]:
    found = [d for d in objects(kind) if d["metadata"]["name"] == name]
    assert len(found) == 1, f"deploy/k8s: {len(found)} {kind} named {name}"
    return found[0]


def configmap() -> Dict[str, str]:
    [config] = objects("ConfigMap")
    return config["data"]


def secret_template() -> Dict[str, Any]:
    [secret] = [d for d in yaml.safe_load_all(SECRET_TEMPLATE.read_text(encoding="utf-8")) if d]
    return secret


def workloads() -> List[Dict[str, Any]]:
    return objects("Deployment") + objects("StatefulSet")


def containers(workload: Dict[str, Any]) -> List[Dict[str, Any]]:
    spec = workload["spec"]["template"]["spec"]
    return spec.get("initContainers", []) + spec["containers"]


def our_deployments() -> Dict[str, Tuple[Dict[str, Any], Dict[str, Any]]]:
    """Dockerfile target -> (Deployment, its container) for the workloads running our images."""
    found: Dict[str, Tuple[Dict[str, Any], Dict[str, Any]]] = {}
    for workload in workloads():
        for container in containers(workload):
            if container["image"].startswith(IMAGE_PREFIX):
                target = container["image"][len(IMAGE_PREFIX):].partition(":")[0]
                assert target not in found, f"two workloads run the {target} image"
                assert workload["kind"] == "Deployment", f"{workload['metadata']['name']}: not a Deployment"
                found[target] = (workload, container)
    return found


def datastore(image: str) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    found = [(w, c) for w in objects("StatefulSet") for c in containers(w) if c["image"] == image]
    assert len(found) == 1, f"deploy/k8s: {len(found)} StatefulSets run {image}"
    return found[0]


def container_env_names(container: Dict[str, Any]) -> Set[str]:
    names = {item["name"] for item in container.get("env", [])}
    for source in container.get("envFrom", []):
        assert "configMapRef" in source, f"container {container['name']}: envFrom other than the ConfigMap"
        assert source["configMapRef"]["name"] == objects("ConfigMap")[0]["metadata"]["name"]
        names |= set(configmap())
    return names


def service_for(workload: Dict[str, Any]) -> Dict[str, Any]:
    labels = workload["spec"]["template"]["metadata"]["labels"]
    found = [s for s in objects("Service") if s["spec"]["selector"].items() <= labels.items()]
    assert len(found) == 1, f"{workload['metadata']['name']}: {len(found)} Services select it"
    return found[0]


def container_port(container: Dict[str, Any], port: Any) -> int:
    if isinstance(port, int):
        return port
    [number] = [p["containerPort"] for p in container["ports"] if p.get("name") == port]
    return int(number)


def quantity(value: Any) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([a-zA-Z]*)", str(value)).groups()  # type: ignore[union-attr]
    factors = {"": 1, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
    return float(number) * factors[unit]


def test_k8s_kustomization_applies_every_manifest_in_one_namespace() -> None:
    files = {p.name for p in K8S.glob("*.yaml")} - {KUSTOMIZATION.name, SECRET_TEMPLATE.name}
    assert set(kustomization()["resources"]) == files
    assert SECRET_TEMPLATE.name not in kustomization()["resources"], "the Secret template must not be applied"
    [namespace] = objects("Namespace")
    name = namespace["metadata"]["name"]
    assert kustomization()["namespace"] == name
    for document in list(manifests()) + [secret_template()]:
        if document["kind"] != "Namespace":
            assert document["metadata"].get("namespace") == name, f"{document['kind']} {document['metadata']}"


def test_k8s_configmap_holds_cluster_env_settings() -> None:
    env, data = cluster_env(), configmap()
    unknown = set(data) - set(env) - WEB_ONLY
    assert not unknown, f"ConfigMap keys not in deploy/cluster.env: {sorted(unknown)}"
    assert not set(data) & SECRETS, "a password in the ConfigMap"
    for key in ("DB_PORT", "DB_NAME", "DB_USER", "REDIS_PORT", "ACTION_PORT", "RASA_CONTAINER_PORT",
                "TURN_TIMEOUT", "WEB_PORT"):
        assert data[key] == env[key], f"ConfigMap {key}={data[key]!r}, deploy/cluster.env has {env[key]!r}"
    postgres, _ = datastore("postgres:15")
    redis, _ = datastore("redis:7")
    assert data["DB_HOST"] == service_for(postgres)["metadata"]["name"]
    assert data["REDIS_HOST"] == service_for(redis)["metadata"]["name"]
    actions, _ = our_deployments()["actions"]
    actions_service = service_for(actions)
    url = urlsplit(data["ACTION_SERVER_URL"])
    assert url.hostname == actions_service["metadata"]["name"]
    assert str(url.port) == env["ACTION_PORT"] == str(actions_service["spec"]["ports"][0]["port"])
    assert url.path == urlsplit(env["ACTION_SERVER_URL"]).path


def test_k8s_secret_is_a_template_without_values() -> None:
    secret = secret_template()
    assert secret["kind"] == "Secret"
    values = {**(secret.get("data") or {}), **(secret.get("stringData") or {})}
    assert set(values) == SECRETS
    assert all(not value for value in values.values()), "the Secret template holds a value"
    assert not objects("Secret"), "a Secret with values among the applied manifests"


def test_k8s_rasa_gets_every_endpoint_setting_from_configmap_and_secret() -> None:
    _, rasa = our_deployments()["rasa"]
    missing = endpoint_names() - container_env_names(rasa)
    assert not missing, f"the rasa Deployment lacks {sorted(missing)}, which endpoints.cluster.yml reads"
    assert {"WEB_PORT", "WEB_ORIGINS"} <= container_env_names(rasa)
    refs = {item["name"]: item.get("valueFrom", {}).get("secretKeyRef") for item in rasa.get("env", [])}
    for name in SECRETS:
        assert refs.get(name) == {"name": secret_template()["metadata"]["name"], "key": name}, name


def test_k8s_env_names_are_cluster_envs_and_secrets_are_never_inline() -> None:
    keys = {"ConfigMap": set(configmap()), "Secret": SECRETS}
    for target, (workload, container) in our_deployments().items():
        allowed = set(cluster_env()) | (WEB_ONLY if target == "web" else set())
        unknown = container_env_names(container) - allowed
        assert not unknown, f"{workload['metadata']['name']}: not in deploy/cluster.env: {sorted(unknown)}"
    for workload in workloads():
        for container in containers(workload):
            for item in container.get("env", []):
                where = f"{workload['metadata']['name']}: {item['name']}"
                source = item.get("valueFrom", {})
                if "configMapKeyRef" in source:
                    assert source["configMapKeyRef"]["key"] in keys["ConfigMap"], where
                if "secretKeyRef" in source:
                    assert source["secretKeyRef"]["key"] in keys["Secret"], where
                if "PASSWORD" in item["name"] or item["name"] in SECRETS:
                    assert "value" not in item and "secretKeyRef" in source, f"{where}: a password inline"


def test_k8s_images_are_the_dockerfile_targets() -> None:
    deployments = our_deployments()
    assert set(deployments) == set(TARGETS)
    names = {s["name"] for s in dockerfile()[1]}
    for target, (workload, container) in deployments.items():
        assert target in names
        assert container["image"] == f"{IMAGE_PREFIX}{target}:{image_tag()}", container["image"]
        assert workload["metadata"]["name"] == built_services()[target][0], "name it as the Compose service"
    assert {i["name"] for i in kustomization().get("images", [])} == {f"{IMAGE_PREFIX}{t}" for t in TARGETS}


def test_k8s_container_ports_are_cluster_envs() -> None:
    env = cluster_env()
    for target, (workload, container) in our_deployments().items():
        ports = [p["containerPort"] for p in container["ports"]]
        assert ports == [int(env[PORT_SETTING[target]])], f"{workload['metadata']['name']}: ports {ports}"
        service = service_for(workload)
        for port in service["spec"]["ports"]:
            assert container_port(container, port["targetPort"]) == int(env[PORT_SETTING[target]])
    for image, setting in (("postgres:15", "DB_PORT"), ("redis:7", "REDIS_PORT")):
        workload, container = datastore(image)
        assert [p["containerPort"] for p in container["ports"]] == [int(env[setting])], image
        assert [p["port"] for p in service_for(workload)["spec"]["ports"]] == [int(env[setting])], image


def test_k8s_probes_use_the_health_paths() -> None:
    for target, (workload, container) in our_deployments().items():
        for probe, path in PROBES[target].items():
            if probe == "startupProbe" and probe not in container:
                continue
            get = container.get(probe, {}).get("httpGet")
            assert get, f"{workload['metadata']['name']}: no {probe} over HTTP"
            assert get["path"] == path, f"{workload['metadata']['name']}: {probe} on {get['path']}, not {path}"
            assert container_port(container, get["port"]) == int(cluster_env()[PORT_SETTING[target]])
    for image in ("postgres:15", "redis:7"):
        _, container = datastore(image)
        assert "readinessProbe" in container and "livenessProbe" in container, image


def test_k8s_resources_fit_what_was_measured() -> None:
    for target, least in (("rasa", RASA_MEMORY_BYTES), ("actions", ACTIONS_MEMORY_BYTES)):
        _, container = our_deployments()[target]
        requests, limits = container["resources"]["requests"], container["resources"]["limits"]
        assert quantity(requests["memory"]) >= least, f"{target}: memory request below the measured RSS"
        assert quantity(limits["memory"]) > quantity(requests["memory"])
        assert quantity(limits["cpu"]) >= quantity(requests["cpu"]) > 0
    for workload in workloads():
        for container in containers(workload):
            assert {"requests", "limits"} <= set(container.get("resources", {})), workload["metadata"]["name"]


def test_k8s_hpa_scales_the_rasa_deployment_on_cpu() -> None:
    [hpa] = objects("HorizontalPodAutoscaler")
    rasa, _ = our_deployments()["rasa"]
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                             "name": rasa["metadata"]["name"]}
    assert hpa["metadata"]["namespace"] == rasa["metadata"]["namespace"]
    metrics = hpa["spec"]["metrics"]
    assert any(m["type"] == "Resource" and m["resource"]["name"] == "cpu"
               and m["resource"]["target"]["type"] == "Utilization" for m in metrics)
    assert hpa["spec"]["minReplicas"] == int(cluster_env()["RASA_REPLICAS"]) < hpa["spec"]["maxReplicas"]
    assert "replicas" not in rasa["spec"], "the HPA owns the replica count"


def test_k8s_datastores_are_statefulsets_with_services_and_a_managed_note() -> None:
    for image, file in (("postgres:15", "postgres.yaml"), ("redis:7", "redis.yaml")):
        workload, container = datastore(image)
        assert workload["spec"].get("volumeClaimTemplates"), f"{image}: no volume"
        service_for(workload)
        text = (K8S / file).read_text(encoding="utf-8")
        assert "managed" in text and ("DB_HOST" in text or "REDIS_HOST" in text), f"{file}: no managed-service note"


def test_k8s_service_links_are_off() -> None:
    """Services named web and redis would set WEB_PORT=tcp://... and REDIS_PORT=tcp://... in every pod."""
    for workload in workloads():
        assert workload["spec"]["template"]["spec"].get("enableServiceLinks") is False, workload["metadata"]["name"]


def ingress_routes() -> List[Tuple[Dict[str, Any], str, str, str, Any]]:
    """(Ingress, host, path, Service name, Service port) for every path."""
    routes = []
    for ingress in objects("Ingress"):
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                service = path["backend"]["service"]
                port = service["port"].get("number", service["port"].get("name"))
                routes.append((ingress, rule["host"], path["path"], service["name"], port))
    return routes


def test_k8s_ingress_routes_socketio_and_webhooks_to_rasa_with_cookie_affinity() -> None:
    rasa, rasa_container = our_deployments()["rasa"]
    rasa_service = service_for(rasa)
    routes = {(path, service) for _, _, path, service, _ in ingress_routes()}
    name = rasa_service["metadata"]["name"]
    assert {("/socket.io/", name), ("/webhooks/", name)} <= routes
    web, _ = our_deployments()["web"]
    assert ("/", service_for(web)["metadata"]["name"]) in routes
    hosts = set()
    for ingress, host, path, service, port in ingress_routes():
        hosts.add(host)
        assert ingress["spec"].get("ingressClassName") == "nginx"
        tls_hosts = {h for tls in ingress["spec"].get("tls", []) for h in tls["hosts"]}
        assert host in tls_hosts and all(t.get("secretName") for t in ingress["spec"]["tls"]), "no TLS for " + host
        [target] = [s for s in objects("Service") if s["metadata"]["name"] == service]
        assert any(port in (p["port"], p.get("name")) for p in target["spec"]["ports"]), f"{path}: port {port}"
        if service == name:
            notes = ingress["metadata"].get("annotations", {})
            assert notes.get("nginx.ingress.kubernetes.io/affinity") == "cookie", f"{path}: no cookie affinity"
            assert notes.get("nginx.ingress.kubernetes.io/session-cookie-name")
            for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
                value = int(notes.get(f"nginx.ingress.kubernetes.io/{timeout}", 60))
                assert value > int(cluster_env()["TURN_TIMEOUT"]) and value >= 600, f"{timeout}: {value}"
    # The page, its socket URL and the allowed origins are one public host.
    assert len(hosts) == 1
    [host] = hosts
    socket_url = urlsplit(configmap()["RASA_SOCKET_URL"])
    assert (socket_url.scheme, socket_url.hostname) == ("https", host)
    assert f"https://{host}" in re.split(r"[\s,]+", configmap()["WEB_ORIGINS"])


def test_k8s_web_gets_the_socket_url() -> None:
    _, web = our_deployments()["web"]
    assert "RASA_SOCKET_URL" in container_env_names(web)
    for target in ("rasa", "actions"):
        _, container = our_deployments()[target]
        refs = {i["name"] for i in container.get("env", [])}
        assert "RASA_SOCKET_URL" not in refs, f"{target}: RASA_SOCKET_URL is the web page's setting"

