// Placeholder: replaced by the data pipeline.
console.log('data: nothing to build yet');
