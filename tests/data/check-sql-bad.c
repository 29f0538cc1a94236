/* A value pasted into SQL, which build-aux/check-sql.py must refuse (its own test). */
static char *
find_project (const char *name)
{
  return g_strdup_printf ("SELECT id FROM project WHERE name = '%s'", name);
}
