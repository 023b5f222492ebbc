package simulate

// ring is a growable FIFO of T. It reuses its memory: a queue that stays
// short never allocates again.
type ring[T any] struct {
	buf        []T
	head, size int
}

func (r *ring[T]) len() int { return r.size }

func (r *ring[T]) push(v T) {
	if r.size == len(r.buf) {
		r.grow()
	}
	i := r.head + r.size
	if i >= len(r.buf) {
		i -= len(r.buf)
	}
	r.buf[i] = v
	r.size++
}

// pushFront puts v at the head (a redelivered message).
func (r *ring[T]) pushFront(v T) {
	if r.size == len(r.buf) {
		r.grow()
	}
	r.head--
	if r.head < 0 {
		r.head += len(r.buf)
	}
	r.buf[r.head] = v
	r.size++
}

func (r *ring[T]) pop() T {
	var zero T
	v := r.buf[r.head]
	r.buf[r.head] = zero
	r.head++
	if r.head == len(r.buf) {
		r.head = 0
	}
	r.size--
	return v
}

// peek returns the head without removing it. The ring must not be empty.
func (r *ring[T]) peek() T { return r.buf[r.head] }

func (r *ring[T]) clear() {
	for r.size > 0 {
		r.pop()
	}
	r.head = 0
}

func (r *ring[T]) grow() {
	n := max(8, 2*len(r.buf))
	buf := make([]T, n)
	for i := range r.size {
		k := r.head + i
		if k >= len(r.buf) {
			k -= len(r.buf)
		}
		buf[i] = r.buf[k]
	}
	r.buf, r.head = buf, 0
}
