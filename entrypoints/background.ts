export default defineBackground(() => {
  // filled by the index issue
});
