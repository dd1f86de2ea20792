import { OTHER_LOCALES, SIZES, screenTour } from './support/screen-tour.js';

// German, Spanish and French on the phone: their longer texts are what would overflow first.
screenTour(SIZES.phone, OTHER_LOCALES, { errorScreen: false });
