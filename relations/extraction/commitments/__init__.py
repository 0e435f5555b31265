"""Read commitments: what each side pledged, proposed, agreed, supported or opposed.

Cues come from ``lexicon/commitment_cues.tsv``. A sentence is read left to right as clauses:
a reporting verb ("said that", "stressed") opens a clause whose subject is the speaker; an
excluding word (thanks, hopes, "discussed") mutes the rest of its clause; a cue starts a
commitment whose text runs to the next clause or coordinated cue. The actor is the party named
right before the cue ("China supports", "Russia's support for", "his country is willing to"),
else the clause's speaker's country; "the two leaders" and "it was agreed" act for the
article's own side. Modal cues ("will", "should") count only with a party as their subject.

Modules, in reading order: ``cues`` (the cue phrases found), ``reading`` (a sentence read
clause by clause), ``speakers`` (who speaks it), ``building`` (one commitment from one cue),
``actors`` (whose commitment it is), ``extent`` (where its text begins and ends).
"""

from .reading import read

__all__ = ["read"]
