"""Find the people in an article: who acts for which country, under what title.

Patterns read (all from gazetteer hits, left to right):
  Chinese President Xi Jinping / India's Prime Minister Narendra Modi   (qualifier, title, name)
  President of Turkey Recep Tayyip Erdogan                                (title of country, name)
  Prime Minister Modi of India                                             (title, name of country)
  Alejandro Giammattei, President of Guatemala                             (name, title of country)
  Vladimir Putin / Xi / Lukashenko                                         (a known leader's alias)
  the President / the Kenyan leader                                        (a title that refers back)
  Mr. Sullivan                                                             (honorific, name)
  Minister for Planning, Development and Special Initiatives Ahsan Iqbal   (portfolio list, name)
  the Minister for Foreign Affairs, Samuel Ablakwa                         (bare title, name: own side)
  His Highness said                                                        (a style: whom it was given)
Each mention is linked to a person of the article; a person without a stated country acts
for the article's own side (the publisher's country) when it has one.

Modules: ``reading`` (the hits read left to right), ``titled`` (a mention that starts with a
title), ``portfolios`` (a minister's portfolio), ``around`` (what stands right around a title
or a name).
"""

from .reading import read

__all__ = ["read"]
