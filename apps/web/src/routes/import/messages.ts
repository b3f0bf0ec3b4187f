import { defineMessages } from '../../i18n/messages';

export const messages = defineMessages({
  ko: { title: '' },
  en: { title: '' },
});
