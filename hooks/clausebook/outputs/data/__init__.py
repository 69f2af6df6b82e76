"""The open dataset as files: JSON, CSV, a Frictionless descriptor and the JSON Schemas, written
from the records that ``clausebook.records`` builds."""
