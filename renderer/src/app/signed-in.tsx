/** The chunk loaded after sign-in: the features' texts first, then the signed-in views. */
import './feature-texts';

export { SignedInViews as default } from './lead/SignedInViews';
