"""运维: users and passwords, settings, backups and restore, the integrity check, moving to another database."""
