/*
 * i18n.h - report labels in the center's language (LANG_EN or LANG_KO).
 */
#ifndef WFM_I18N_H
#define WFM_I18N_H

/* The label for key in language lang; the key itself when it is unknown. */
const char *tr(int lang, const char *key);

/* v with `decimals` digits after the point and a comma between each group
 * of three digits before it (8888772 -> "8,888,772"; both languages group
 * this way).  Not finite: the empty string - a missing value on a page or
 * in a CSV is an empty cell, never "nan".  Returns buf. */
const char *num_group(double v, int decimals, char buf[48]);

#endif
