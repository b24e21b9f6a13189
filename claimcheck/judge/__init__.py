"""Judge: the reasoning the engines share, over claims and the rulebook.

The engines of claimcheck/checks each turn it into findings of their own rules; the reports and
commands word amounts, periods and places with it. Nothing here reports, and nothing here imports
an engine: amounts (units, scales, rates, how an amount reads), periods (which days a fact holds
for and whether it speaks of a claim's time), intervals (the values a figure or a fact allows),
facts (which facts judge a figure, and their verdict), ranks (a rank claim's ranking and rank
facts), parts (what a sentence's arithmetic says of its figures) and certainty (which parts of a
claim are inferred, and whether that may carry an error).
"""
