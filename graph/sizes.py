"""The map's sizes, in one place: what the layout spaces nodes by and what
the drawing gives vis-network (fonts, box widths, the frame's height).

Units are vis-network canvas units (one CSS pixel at zoom 1) unless a name
says otherwise.
"""

from __future__ import annotations

__all__ = [
    "ARGUMENT_DOT",
    "BOX_MARGIN",
    "BOX_MAX_WIDTH",
    "CONCLUSION_FONT",
    "EDGE_FONT",
    "LABEL_MAX",
    "MAP_HEIGHT",
    "NODE_FONT",
]

MAP_HEIGHT = 620  # px: the map frame's height on the page
LABEL_MAX = 90  # characters of text on the node; the tooltip has all of it
NODE_FONT = 14  # a statement's label
CONCLUSION_FONT = 16  # a conclusion's label (bold box)
EDGE_FONT = 12  # "against" on attack edges
BOX_MAX_WIDTH = 180  # a statement box's widest (its label wraps inside)
BOX_MARGIN = 8  # between a box's border and its label
ARGUMENT_DOT = 7  # radius of an argument's dot
