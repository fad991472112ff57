"""The numbered SQL migrations: the history of the store's schema, applied in order.

The schema itself is defined once, in :mod:`influscope.model`. These files are
how a database gets there, and they stay hand-written rather than generated
from the model because:

* an applied migration is history: workspaces on disk already ran 0001–0011,
  and :meth:`~influscope.store.engine.Store.migrate` skips a migration by its
  number, so its text can never change to follow the model;
* a schema change is more than the target DDL: 0007 adds columns to a table
  that holds alerts, 0010 fills the salt, 0011 moves ``document_brands`` to an
  unkeyed table with its rows — a generator knowing only the model cannot
  write those steps;
* one path for everyone: a new workspace runs the same migrations as an old
  one, so there is no "fresh DDL" that could drift from what old files become.

``tests/store/test_model_schema.py`` closes the loop: it migrates a new
database, and a database stopped at an older migration, and fails when any
table's columns, types, nullability, defaults or primary key differ from the
model (its message prints the model's ``CREATE TABLE`` to start the next
migration from). To change the schema: change the model, add the next
numbered file, run that test.

There is no 0009. No file with that number was ever committed (``git log
--all`` has none): the stages were built on parallel branches, each taking a
number for its migration, and not every reserved number became a file (0012,
likewise, belongs to a branch not merged when 0013 was). Nothing is missing.
The gaps stay: :meth:`~influscope.store.engine.Store.migrate` tracks applied
migrations by number (a lower number merged later is still applied), and
renumbering an applied migration would make existing workspaces apply it a
second time.
"""
