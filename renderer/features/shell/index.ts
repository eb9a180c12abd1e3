/** The frame around every page once logged in, and the page of each section. */
export { Shell } from './Shell';
export { SECTION_PAGES } from './sectionPages';
export { SignedIn } from './SignedIn';
