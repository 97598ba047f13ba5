"""Reading and writing pole data: YAML/JSON files, located errors, atomic writes."""

from ..files import output_folder
from .files import (
    MAX_FILE_BYTES,
    POLE_FILE_NAMES,
    atomic_write,
    dump_pole,
    find_pole_file,
    load_pole,
    parse_text,
    pole_from_data,
    read_bytes,
    read_text,
    save_pole,
)
from .schema import pole_json_schema, schema_text

__all__ = [
    "MAX_FILE_BYTES", "POLE_FILE_NAMES", "atomic_write", "dump_pole", "find_pole_file",
    "load_pole", "output_folder", "parse_text", "pole_from_data", "pole_json_schema", "read_bytes", "read_text", "save_pole",
    "schema_text",
]
