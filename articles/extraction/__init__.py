"""The extraction pipeline: bytes in, plain dataclasses out. No Django imports here.

bytes -> decode and repair -> structure (headline, captions, dateline, sentences) -> timexes
-> actors -> events. Each step is a module of its own; `types` holds the dataclasses they share.
"""
