/*
 * i18n.h - report labels in the center's language (LANG_EN or LANG_KO).
 */
#ifndef WFM_I18N_H
#define WFM_I18N_H

/* The label for key in language lang; the key itself when it is unknown. */
const char *tr(int lang, const char *key);

#endif
