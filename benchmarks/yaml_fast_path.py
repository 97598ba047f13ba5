"""The proposed C fast path for reading YAML pole files (measured here, not yet in ptce-kit).

ptce-kit reads YAML with ruamel.yaml's pure-Python safe loader (``ptce_kit/io/files.py``,
``_yaml_loader``): about 5.6 s per 10^3 actors, an hour's coffee at 10^5.  libyaml (C)
parses the same text several times faster, through PyYAML's ``CSafeLoader``.  PyYAML
speaks YAML 1.1, where ``yes``/``no``/``on``/``off`` are booleans, ``010`` is octal and
``2014-07-31`` a date; pole files are YAML 1.2.  This loader keeps libyaml's parser and
gives it the resolvers of the YAML 1.2 *core schema* and the constructors ptce-kit
wants (dates stay text; a key twice in one mapping is an error), so that it returns the
same data as ruamel's loader.  ``docs/performance.md`` says how to wire it in:

* ``parse_text`` tries :func:`load_yaml` first when :func:`available`;
* on *any* exception it parses again with ruamel's loader, which raises the located,
  explained error (line, column, hint) that users see today: the fast path never
  changes an error message, only the time a valid file takes.

The benchmark ``load_graph_fast_yaml`` (benchmarks/cases.py) measures it, and
``tests/test_benchmarks.py`` checks that it gives ruamel's data on the Pôle Sud example.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["available", "load_yaml"]


def available() -> bool:
    """Whether PyYAML is installed with its libyaml (C) extension."""
    try:
        import yaml
    except ImportError:
        return False
    return bool(getattr(yaml, "__with_libyaml__", False)) and hasattr(yaml, "CSafeLoader")


class DuplicateKey(ValueError):
    """A key appears twice in one mapping (the caller falls back to ruamel to locate it)."""


_LOADER: Any = None


def _loader() -> Any:
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml
    from yaml.constructor import SafeConstructor

    class CoreLoader(yaml.CSafeLoader):
        """libyaml's parser with YAML 1.2 core-schema scalars; dates stay text."""

    CoreLoader.yaml_implicit_resolvers = {}
    resolvers = [
        ("tag:yaml.org,2002:merge", r"^(?:<<)$", ["<"]),
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
        ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
        ("tag:yaml.org,2002:float",
         r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
         list("-+.0123456789")),
    ]
    for tag, pattern, first in resolvers:
        CoreLoader.add_implicit_resolver(tag, re.compile(pattern), first)

    def core_int(loader: Any, node: Any) -> int:
        text = loader.construct_scalar(node)
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)

    def mapping(loader: Any, node: Any) -> dict[Any, Any]:
        loader.flatten_mapping(node)  # merge keys (<<), as ruamel's safe loader has them
        seen: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in seen:
                raise DuplicateKey(key)
            seen[key] = loader.construct_object(value_node, deep=True)
        return seen

    CoreLoader.add_constructor("tag:yaml.org,2002:int", core_int)
    CoreLoader.add_constructor("tag:yaml.org,2002:map", mapping)
    # An explicit !!timestamp stays text too, as in ptce-kit's ruamel loader.
    CoreLoader.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
    _LOADER = CoreLoader
    return _LOADER


def load_yaml(text: str) -> Any:
    """Plain data from YAML 1.2 text, parsed by libyaml.

    Raises on anything unusual (syntax error, duplicate key…): the caller then parses
    with ruamel.yaml to report the error where it is.

    Examples
    --------
    >>> load_yaml("founded: 2014-07-31\\nmember: yes\\ncount: 010\\nlist: [0o17, 0x1F, 1.5, ~]\\n")
    {'founded': '2014-07-31', 'member': 'yes', 'count': 10, 'list': [15, 31, 1.5, None]}
    """
    import yaml

    return yaml.load(text, Loader=_loader())  # noqa: S506 - a safe loader (CSafeLoader's constructors)
