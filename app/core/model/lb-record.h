/* lb-record.h: record kinds described once, used by the store, the CLI, the GUI forms,
 * the importers and the audit log alike.
 *
 * Every record is a plain C struct that starts with `gint64 id`. A LbRecordKind lists its
 * fields with their column name, type, offset and rules, so that validation, parsing of
 * user text, JSON and SQL are written once for all kinds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* "Not set" markers; the store maps them to SQL NULL. Reals use NAN. */
#define LB_UNSET_INT G_MININT64
#define LB_UNSET_ENUM (-1)

typedef enum
{
  LB_FIELD_TEXT,  /* char *, NULL when unset */
  LB_FIELD_INT,   /* gint64, LB_UNSET_INT when unset */
  LB_FIELD_REAL,  /* double, NAN when unset */
  LB_FIELD_TIME,  /* gint64 UTC Unix ms, LB_UNSET_INT when unset */
  LB_FIELD_MONEY, /* gint64 minor units (cents), LB_UNSET_INT when unset */
  LB_FIELD_ENUM,  /* int index into enum_info, LB_UNSET_ENUM when unset; stored as the nick */
  LB_FIELD_BOOL,  /* gboolean */
  LB_FIELD_REF,   /* gint64 id of another record, 0 when unset */
  LB_FIELD_BLOB,  /* GBytes *, NULL when unset */
} LbFieldType;

typedef enum
{
  LB_FIELD_REQUIRED  = 1 << 0,
  LB_FIELD_UNIQUE    = 1 << 1, /* unique among its siblings, case-insensitively (text) */
  LB_FIELD_COMPUTED  = 1 << 2, /* set by the store (timestamps, hashes); never from input */
  LB_FIELD_PARENT    = 1 << 3, /* the owning record (ON DELETE CASCADE) */
  LB_FIELD_HAS_RANGE = 1 << 4, /* numbers: min..max apply */
  LB_FIELD_MULTILINE = 1 << 5, /* free text shown in a text view */
  LB_FIELD_IDENTITY  = 1 << 6, /* shown in lists and overviews */
} LbFieldFlags;

typedef struct
{
  const char *nick;  /* stored and used on the command line */
  const char *label; /* N_() marked, for people */
} LbEnumValue;

typedef struct
{
  const char        *name;
  const LbEnumValue *values;
  int                n_values;
} LbEnumInfo;

typedef struct _LbRecordKind LbRecordKind;

typedef struct
{
  const char         *name;       /* column, JSON key; CLI option with '_' → '-' */
  const char         *label;      /* N_() marked */
  LbFieldType         type;
  gsize               offset;
  LbFieldFlags        flags;
  const LbEnumInfo   *enum_info;  /* LB_FIELD_ENUM */
  const LbRecordKind *ref_kind;   /* LB_FIELD_REF */
  double              min;        /* with LB_FIELD_HAS_RANGE */
  double              max;
  const char         *default_value; /* parsed like user input when a record is created */
  const char         *unit;       /* "s", "min", "MiB/s" … shown beside values */
} LbFieldInfo;

struct _LbRecordKind
{
  const char        *table;       /* SQL table, also the audit-log entity name */
  const char        *label;       /* N_() "Project" */
  const char        *plural;      /* N_() "Projects" */
  gsize              size;
  const LbFieldInfo *fields;
  int                n_fields;
  const char        *order_by;    /* SQL ORDER BY for lists */
  const char        *title_field; /* the field that names a record for people */
  /* Rules that span fields (end after start …); may be NULL. */
  gboolean         (*validate) (const LbRecordKind *kind,
                                gconstpointer       record,
                                GError            **error);
};

#define LB_RECORD_ID(rec) (*(gint64 *) (rec))
#define LB_RECORD_ID_CONST(rec) (*(const gint64 *) (rec))

const LbFieldInfo *lb_record_kind_find_field  (const LbRecordKind *kind,
                                               const char         *name);
const LbFieldInfo *lb_record_kind_parent_field (const LbRecordKind *kind);
const char        *lb_enum_info_nick          (const LbEnumInfo   *info,
                                               int                 value);
const char        *lb_enum_info_label         (const LbEnumInfo   *info,
                                               int                 value);
int                lb_enum_info_lookup        (const LbEnumInfo   *info,
                                               const char         *nick_or_label);

/* Records are allocated by lb_record_new() and carry their kind in a hidden header, so a
 * GPtrArray of them frees itself with lb_record_free(). */
gpointer            lb_record_new       (const LbRecordKind *kind);
gpointer            lb_record_copy      (gconstpointer       record);
void                lb_record_free      (gpointer            record);
const LbRecordKind *lb_record_get_kind  (gconstpointer       record);
/* A GPtrArray that frees its records. */
GPtrArray          *lb_record_array_new (void);

/* Typed access by field description. */
gboolean     lb_record_field_is_set (const LbFieldInfo  *field,
                                     gconstpointer       record);
void         lb_record_field_unset  (const LbFieldInfo  *field,
                                     gpointer            record);
const char  *lb_record_get_text     (const LbFieldInfo  *field,
                                     gconstpointer       record);
void         lb_record_set_text     (const LbFieldInfo  *field,
                                     gpointer            record,
                                     const char         *text);
gint64       lb_record_get_int      (const LbFieldInfo  *field,
                                     gconstpointer       record);
void         lb_record_set_int      (const LbFieldInfo  *field,
                                     gpointer            record,
                                     gint64              value);
double       lb_record_get_real     (const LbFieldInfo  *field,
                                     gconstpointer       record);
void         lb_record_set_real     (const LbFieldInfo  *field,
                                     gpointer            record,
                                     double              value);
GBytes      *lb_record_get_blob     (const LbFieldInfo  *field,
                                     gconstpointer       record);
void         lb_record_set_blob     (const LbFieldInfo  *field,
                                     gpointer            record,
                                     GBytes             *bytes);

/* User text in, user text out. Empty text unsets the field. A value that cannot be read
 * fails with LB_VALIDATION_ERROR naming the field; the record is left unchanged. Times are
 * read in local time unless they carry an offset; enums by nick or label. */
gboolean     lb_record_set_from_string (gpointer            record,
                                        const char         *field_name,
                                        const char         *text,
                                        GError            **error);
/* The form lb_record_set_from_string() reads back (NULL when unset). References give the id. */
char        *lb_record_field_to_string (const LbFieldInfo  *field,
                                        gconstpointer       record);
/* Minor units in the machine form "1234.50" (no grouping, two decimals): what
 * lb_record_set_from_string() reads back for money fields. */
char        *lb_money_to_string         (gint64             minor);
/* For people: "EUR 12,345.60" (@currency may be NULL). */
char        *lb_money_format            (gint64             minor,
                                         const char        *currency);
/* For display: enum labels, local times, units appended. NULL when unset. */
char        *lb_record_field_to_display (const LbFieldInfo *field,
                                         gconstpointer      record);

/* Per-field rules (required, range, enum) and then the kind's own rules. */
gboolean     lb_record_validate     (gconstpointer       record,
                                     GError            **error);

/* Machine form: enum nicks, times as ISO 8601 UTC, money in minor units, blobs as their
 * size (content stays in the database). */
JsonNode    *lb_record_to_json      (gconstpointer       record);
/* The title field's text ("ERP Plant 1"), or "#12" when it has none. */
char        *lb_record_describe     (gconstpointer       record);

G_END_DECLS
