import { describeItems } from '../../nodes/shared/itemList';

describe('item numbers in a message', () => {
	it('names one item, or several with runs of consecutive items as ranges, in order and once each', () => {
		expect(describeItems([3])).toBe('item 3');
		expect(describeItems([0, 1, 2])).toBe('items 0-2');
		expect(describeItems([9, 0, 2, 1, 5, 7, 8, 2])).toBe('items 0-2, 5, 7-9');
	});
});
