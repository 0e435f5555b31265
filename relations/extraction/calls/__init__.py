"""Read the calls an article reports: phone, video and in-person engagements between parties.

A sentence with a trigger (``lexicon/call_triggers.tsv``) reports a call when parties of two
or more sides stand around it: the subject before the trigger ("President Biden spoke...",
"China and Belarus held talks") and its object after ("...with Prime Minister Starmer of the
United Kingdom"), or a pair before an event noun ("Russian-Chinese talks"). Context phrases
(``lexicon/call_context.tsv``) make it planned, denied, background or not a call at all, and
name the initiator. Later sentences about the same engagement merge into the first call.

Modules, in reading order: ``spans`` (trigger and context phrases found), ``reading`` (a
sentence's triggers read into drafts), ``parties`` (subject and object), ``status`` (held,
planned, denied, background; the initiator), ``when`` (the date), ``rounds`` (a round of
bilateral calls split by counterpart), ``mechanisms`` (the next sitting of a standing body of two
states), ``drafts`` (merging and the finished ``Call``).
"""

from .reading import engagement_sentences, read

__all__ = ["engagement_sentences", "read"]
