// "Add to cart" on the product page: one POST as the signed-in visitor, and a status line
// that tells how it went.

export const ADDED_TO_CART = 'Added to cart';
export const SIGN_IN_TO_ADD = 'Sign in to add items to your cart';
export const COULD_NOT_ADD = 'Could not add to cart. Please try again.';

export const addToCartScript = `
(() => {
  const button = document.getElementById('add-to-cart');
  button.addEventListener('click', async () => {
    button.disabled = true;
    let message = ${JSON.stringify(COULD_NOT_ADD)};
    try {
      const response = await fetch('/api/cart/items', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ productId: button.dataset.productId, quantity: 1 }),
      });
      if (response.ok) message = ${JSON.stringify(ADDED_TO_CART)};
      else if (response.status === 401) message = ${JSON.stringify(SIGN_IN_TO_ADD)};
    } catch {
      // Offline or the connection dropped: the retry message stands.
    } finally {
      button.disabled = false;
    }
    let status = document.getElementById('cart-status');
    if (!status) {
      status = document.createElement('p');
      status.id = 'cart-status';
      status.setAttribute('role', 'status');
      button.after(status);
    }
    status.className = message === ${JSON.stringify(ADDED_TO_CART)} ? 'ok' : 'error';
    status.textContent = message;
  });
})();
`;
