"""What a person running the pipeline sees: one short line per message, INFO and above.

Belongs here: the Dagster logger used by every run (command line and UI alike). Dagster's own
console logger prefixes each line with the run id, job and step and, at DEBUG, prints every
framework event; a user needs the stage and what it did.
"""

from __future__ import annotations

import logging
import sys

import dagster as dg


class _OurMessagesOnly(logging.Filter):
    """Drop Dagster's own failure events: the command line reports failures once, with their reason,
    instead of one "not executing" line per skipped step."""

    def filter(self, record: logging.LogRecord) -> bool:
        meta = getattr(record, "dagster_meta", {}) or {}
        return meta.get("dagster_event") is None


class _StageFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        # Dagster passes the step key in the structured record; the message itself is ours.
        meta = getattr(record, "dagster_meta", {}) or {}
        step = meta.get("step_key") or ""
        message = meta.get("orig_message") or record.getMessage()
        level = "" if record.levelno == logging.INFO else f"{record.levelname.lower()}: "
        stamp = self.formatTime(record, "%H:%M:%S")
        return f"{stamp} {step + ': ' if step and not message.startswith(step) else ''}{level}{message}"


@dg.logger(
    config_schema={"log_level": dg.Field(str, is_required=False, default_value="INFO")},
    description="One line per message: time, stage, message. INFO and above by default.",
)
def stage_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    logger = logging.getLogger("mongolia_japan_figures")
    logger.setLevel(init_context.logger_config["log_level"].upper())
    logger.propagate = False
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_StageFormatter())
        handler.addFilter(_OurMessagesOnly())
        logger.addHandler(handler)
    return logger
