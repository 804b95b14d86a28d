"""The portal's one procedure/phase engine.

A *procedure* (Verfahren) has *phases* (Beteiligungsphasen): periods of calendar dates in
Europe/Berlin with rules. Kinds of procedures and phases are plug-ins: an app registers them in
its AppConfig.ready() (planning registers the BauGB procedures; participation will register
dialogues, surveys, events and votes). See docs/phases.md.
"""
