"""Typed facts found in a policy's text: contact channels (`contacts`), durations and time limits
(`durations`), controllers and organisations (`entities`) and dates (`dates`).

Detectors depend only on `privcheck.textsearch`; the matchers build on them."""
