"""The event filter options shared by `sitrep events` and `sitrep export` (the filters of GET /events)."""

import typer

TypeOpt = typer.Option(None, "--type", help="PLOVER type, in any case, e.g. MOBILIZE.")
ActorOpt = typer.Option(None, "--actor", help="Actor ISO-3 code or words of the actor's text.")
RecipientOpt = typer.Option(None, "--recipient", help="Recipient ISO-3 code or words of its text.")
CountryOpt = typer.Option(None, "--country",
                          help="ISO-3 code of the actor, recipient, origin, destination or location.")
FromOpt = typer.Option(None, "--from", help="Earliest event day, inclusive (YYYY-MM-DD).")
ToOpt = typer.Option(None, "--to", help="Latest event day, inclusive (YYYY-MM-DD).")
BboxOpt = typer.Option(None, "--bbox", help="min_lon,min_lat,max_lon,max_lat of the event's point.")
TextOpt = typer.Option(None, "--text", "-q", help="Words of the article, all required (full-text search).")
ConfOpt = typer.Option(None, "--min-confidence", help="Lowest confidence, 0 to 1.")
SourceOpt = typer.Option(None, "--source", help="Part of the outlet's name.")
StoryOpt = typer.Option(None, "--story", help="Story id: its events only.")
LanguageOpt = typer.Option(None, "--language", help="The article's language, ISO 639-1 (e.g. fr).")
CertaintyOpt = typer.Option(None, "--certainty", help="asserted, reported, hedged, negated, speculative or historical.")
DatedOpt = typer.Option(None, "--dated/--undated", help="Dated events only, or undated events only.")
