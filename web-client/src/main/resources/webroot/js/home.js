// The landing page only needs its strings translated.
import { initI18n } from './i18n.js';

await initI18n();
