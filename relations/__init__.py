"""relations: turn diplomatic readouts into a dated, sourced bilateral-relations timeline."""

__version__ = "0.1.0"
