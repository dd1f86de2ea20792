import { SIZES, screenTour } from './support/screen-tour.js';

screenTour(SIZES.desktop);
