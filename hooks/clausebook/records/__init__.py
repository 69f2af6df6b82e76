"""The published records: each record of the open dataset defined once (its fields, their
descriptions and schema), built from the readings (``dataset``); the JSON Schemas are made from
them (``schemas``)."""
